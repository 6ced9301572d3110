#!/bin/sh
echo "Tailor runs migrations with npm run db:migrate (the WebAssembly schema engine), not the Prisma CLI." >&2
exit 1
