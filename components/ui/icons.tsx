import type { SVGProps } from "react";

/** A few outline icons (24×24, stroke = currentColor), so no icon package is needed. */
function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

type P = SVGProps<SVGSVGElement>;

export const HomeIcon = (p: P) => <Icon d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1v-9.5Z" {...p} />;
export const UsersIcon = (p: P) => (
  <Icon
    d="M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM21 19v-1a4 4 0 0 0-3-3.87M15.5 4.13a3 3 0 0 1 0 5.74"
    {...p}
  />
);
export const UploadIcon = (p: P) => <Icon d="M12 15V3m0 0-4 4m4-4 4 4M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" {...p} />;
export const SettingsIcon = (p: P) => <Icon d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4" {...p} />;
export const SendIcon = (p: P) => <Icon d="M21 3 10 14M21 3l-7 18-4-7-7-4 18-7Z" {...p} />;
export const MenuIcon = (p: P) => <Icon d="M4 6h16M4 12h16M4 18h16" {...p} />;
export const CloseIcon = (p: P) => <Icon d="M6 6l12 12M18 6 6 18" {...p} />;
export const SearchIcon = (p: P) => <Icon d="m21 21-4.3-4.3M10.5 18a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15Z" {...p} />;
export const ChevronIcon = (p: P) => <Icon d="m9 6 6 6-6 6" {...p} />;
export const SortIcon = (p: P) => <Icon d="m8 9 4-4 4 4M16 15l-4 4-4-4" {...p} />;
export const ArrowUpIcon = (p: P) => <Icon d="M12 19V5m0 0-6 6m6-6 6 6" {...p} />;
export const ArrowDownIcon = (p: P) => <Icon d="M12 5v14m0 0 6-6m-6 6-6-6" {...p} />;
export const DatabaseIcon = (p: P) => (
  <Icon
    d="M4 6c0-1.66 3.58-3 8-3s8 1.34 8 3-3.58 3-8 3-8-1.34-8-3Zm0 0v12c0 1.66 3.58 3 8 3s8-1.34 8-3V6M4 12c0 1.66 3.58 3 8 3s8-1.34 8-3"
    {...p}
  />
);
export const KeyIcon = (p: P) => <Icon d="M15 7a3 3 0 1 1-3.87 2.87L4 17v3h3v-2h2v-2h2l1.13-1.13A3 3 0 0 1 15 7Z" {...p} />;
export const LogoutIcon = (p: P) => <Icon d="M15 17l5-5-5-5M20 12H9M12 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7" {...p} />;
export const ShieldIcon = (p: P) => <Icon d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3Zm-3 9 2 2 4-4" {...p} />;
export const ListIcon = (p: P) => <Icon d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" {...p} />;
export const SegmentsIcon = (p: P) => <Icon d="M12 3a9 9 0 1 0 9 9h-9V3Zm3-0.5V9h6.5A7 7 0 0 0 15 2.5Z" {...p} />;
export const MailIcon = (p: P) => (
  <Icon d="M3 6.5A1.5 1.5 0 0 1 4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11Zm0 .5 9 6 9-6" {...p} />
);
export const InboxIcon = (p: P) => <Icon d="M3 13h5l1.5 3h5L16 13h5M5.5 5h13L21 13v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-5l2.5-8Z" {...p} />;
export const ModelsIcon = (p: P) => <Icon d="M4 19h16M6 16l4-5 3 3 5-7M18 7h-3m3 0v3" {...p} />;

export const ClustersIcon = (p: P) => (
  <Icon
    d="M7 8.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm10 3a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm-7 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM4 13h.01M19 17h.01M14 4h.01"
    {...p}
  />
);
