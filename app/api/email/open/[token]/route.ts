import { withPublicAccess } from "@/lib/auth/with-role.server";
import { recordEmailOpen } from "@/lib/email-tracking/record-email-interaction";
import { clientProof } from "@/lib/http/client-proof";

type Params = { token: string };

/** A transparent 1×1 GIF. */
const pixel = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The open pixel of campaign emails: records the open when the token is valid, and always answers the image. */
export const GET = withPublicAccess<Params>(
  async (request, { params }) => {
    const { token } = await params;
    const { ip, userAgent } = clientProof(request.headers);
    await recordEmailOpen({ token, ip: ip ?? null, userAgent: userAgent ?? null }).catch((e: unknown) => {
      console.error("Recording an email open failed", e);
    });
    return new Response(new Uint8Array(pixel), {
      headers: { "content-type": "image/gif", "cache-control": "no-store, max-age=0", "content-length": String(pixel.length) },
    });
  },
  { rateLimit: "email-open" },
);
