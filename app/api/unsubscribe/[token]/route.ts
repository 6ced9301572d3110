import { withPublicAccess } from "@/lib/auth/with-role.server";
import { unsubscribeOneClick } from "@/lib/consent/unsubscribe-one-click";
import { isTestUnsubscribeToken, testSendNotice, verifyUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { clientProof } from "@/lib/http/client-proof";

type Params = { token: string };

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here, no login. */
export const POST = withPublicAccess<Params>(
  async (request, { params }) => {
    const { token } = await params;
    if (isTestUnsubscribeToken(token))
      return new Response(testSendNotice, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
    if (!verifyUnsubscribeToken(token)) {
      return new Response("This unsubscribe link is damaged or was altered; nothing was changed. Use the link from the email itself.", {
        status: 400,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    const purpose = new URL(request.url).searchParams.get("purpose") ?? undefined;
    await unsubscribeOneClick({ token, purpose, ...clientProof(request.headers) });
    return new Response("You are unsubscribed. You will receive no more marketing email from us.", {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
  { rateLimit: "unsubscribe" },
);

/** A person who opens the List-Unsubscribe URL in a browser gets the preference centre. */
export const GET = withPublicAccess<Params>(
  async (_request, { params }) => {
    const { token } = await params;
    // A relative Location (RFC 9110), so the host the person used is kept behind any proxy.
    return new Response(null, { status: 303, headers: { location: `/preferences/${encodeURIComponent(token)}` } });
  },
  { rateLimit: "unsubscribe" },
);
