import { withPublicAccess } from "@/lib/auth/with-role.server";
import { recordEmailClick } from "@/lib/email-tracking/record-email-interaction";
import { clientProof } from "@/lib/http/client-proof";

type Params = { token: string };

const damaged = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link not valid</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#18181b">
<h1 style="font-size:1.25rem">This link is damaged or was altered</h1>
<p>It leads nowhere, and nothing was recorded. Open the link from the email itself, or copy the whole address if your mail app split it over two lines.</p>
</body></html>`;

/**
 * A tracked link of a campaign email: records the click and redirects to the link's address. An
 * invalid or altered link records nothing and never redirects: it gets a page on this installation.
 */
export const GET = withPublicAccess<Params>(
  async (request, { params }) => {
    const { token } = await params;
    const { ip, userAgent } = clientProof(request.headers);
    const carried = new URL(request.url).searchParams.get("u");
    const { destination } = await recordEmailClick({ token, carried, ip: ip ?? null, userAgent: userAgent ?? null });
    if (!destination)
      return new Response(damaged, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    return new Response(null, {
      status: 302,
      headers: { location: destination, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
  },
  { rateLimit: "email-click" },
);
