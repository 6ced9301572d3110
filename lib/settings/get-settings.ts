import { db } from "../db";

export interface Settings {
  organisationName: string;
  postalAddress: string;
  timeZone: string;
  currency: string;
  defaultPhoneRegion: string;
  /** null: analyses use "now"; a date: analyses are pinned to it (historical data). */
  referenceDate: Date | null;
  demoLoadedAt: Date | null;
  /** Campaigns' default sender; "" = MAIL_FROM, else the organisation at noreply@<host>. */
  senderName: string;
  senderEmail: string;
  replyTo: string;
  /** At most this many marketing emails per person in frequencyCapDays days; null = no cap. */
  frequencyCapCount: number | null;
  frequencyCapDays: number;
  /** Campaign reports attribute orders placed within this many days after a click. */
  attributionDays: number;
}

export const defaultSettings: Settings = {
  organisationName: "My shop",
  postalAddress: "",
  timeZone: "UTC",
  currency: "GBP",
  defaultPhoneRegion: "GB",
  referenceDate: null,
  demoLoadedAt: null,
  senderName: "",
  senderEmail: "",
  replyTo: "",
  frequencyCapCount: null,
  frequencyCapDays: 7,
  attributionDays: 5,
};

/** The installation's settings (row id = 1), or the defaults while nobody has saved them. */
export async function getSettings(options: { tx?: Pick<typeof db, "setting"> } = {}): Promise<Settings> {
  const row = await (options.tx ?? db).setting.findUnique({
    where: { id: 1 },
    select: {
      organisationName: true,
      postalAddress: true,
      timeZone: true,
      currency: true,
      defaultPhoneRegion: true,
      referenceDate: true,
      demoLoadedAt: true,
      senderName: true,
      senderEmail: true,
      replyTo: true,
      frequencyCapCount: true,
      frequencyCapDays: true,
      attributionDays: true,
    },
  });
  return row ?? defaultSettings;
}

/** The moment analyses treat as "now": the pinned reference date, else the current time. */
export function referenceNow(settings: Pick<Settings, "referenceDate">): Date {
  return settings.referenceDate ?? new Date();
}
