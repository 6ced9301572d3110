import type { ReactNode } from "react";
import { LinkButton } from "./button";
import { cn } from "./cn";

/**
 * A page that says why it cannot show what was asked (404, 403) and where to go instead; `standalone`
 * when it renders outside the app shell and so fills the screen itself.
 */
export function StatusPage({
  status,
  title,
  children,
  link,
  standalone = false,
}: {
  status: string;
  title: string;
  children: ReactNode;
  link: { href: string; label: string };
  standalone?: boolean;
}) {
  return (
    <div
      className={
        standalone ? "flex min-h-screen flex-col items-center justify-center px-4 text-center" : "mx-auto max-w-lg py-16 text-center"
      }
    >
      <p className="text-sm font-semibold text-indigo-600">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
      <p className={cn("mt-3 text-sm text-slate-600", standalone && "max-w-md")}>{children}</p>
      <LinkButton href={link.href} className="mt-6">
        {link.label}
      </LinkButton>
    </div>
  );
}
