// ESLint rule: a module marked "use client" is bundled for the browser, so it must not import what
// only runs on the server: *.server modules, the database client and its generated types, the env
// reader, Node's built-ins, and the server-side drivers. Client code imports lib/**/schemas.ts,
// types and pure helpers instead, and reaches the server through actions and route handlers.
import { builtinModules } from "node:module";

const SERVER_PACKAGES = new Set([
  "pg",
  "pg-copy-streams",
  "ioredis",
  "bullmq",
  "nodemailer",
  "smtp-server",
  "mjml",
  "bcryptjs",
  "next/headers",
]);
const BUILTINS = new Set(builtinModules);

/** Why `source` may not be imported from a client module, or null when it may. */
export function serverOnlyReason(source) {
  if (source.startsWith("node:") || BUILTINS.has(source.split("/")[0])) return "a Node.js built-in";
  if (SERVER_PACKAGES.has(source) || source.startsWith("@prisma/")) return "a server-side package";
  if (/(^|\/)[^/]+\.server(\.[cm]?[jt]sx?)?$/.test(source)) return "a *.server module";
  if (/(^|\/)lib\/(db|env)(\.ts)?$/.test(source) || /^\.{1,2}\/(\.\.\/)*(db|env)(\.ts)?$/.test(source))
    return "the database client or the env reader";
  if (/(^|\/)lib\/generated\//.test(source) || /(^|\/)generated\/prisma(\/|$)/.test(source)) return "the generated Prisma client";
  return null;
}

function isClientModule(program) {
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") return false;
    if (statement.directive === "use client") return true;
  }
  return false;
}

/** @type {import("eslint").Rule.RuleModule} */
export const noServerImportInClient = {
  meta: {
    type: "problem",
    docs: { description: 'Forbid server-only imports in "use client" modules' },
    messages: {
      serverImport:
        '"use client" module imports {{source}}, {{reason}}: client code cannot run it. Load the data on the server (page, action or route handler) and pass it in.',
    },
    schema: [],
  },
  create(context) {
    let client = false;
    const check = (node) => {
      if (!client || !node.source || typeof node.source.value !== "string") return;
      // Type-only imports vanish from the bundle.
      if (node.importKind === "type" || node.exportKind === "type") return;
      if (node.specifiers?.length && node.specifiers.every((s) => s.importKind === "type")) return;
      const reason = serverOnlyReason(node.source.value);
      if (reason) context.report({ node: node.source, messageId: "serverImport", data: { source: node.source.value, reason } });
    };
    return {
      Program(program) {
        client = isClientModule(program);
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression(node) {
        if (client && node.source.type === "Literal") check({ source: node.source });
      },
    };
  },
};

export const tailorPlugin = { meta: { name: "tailor" }, rules: { "no-server-import-in-client": noServerImportInClient } };
