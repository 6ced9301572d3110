const CURRENCY = /[$€£¥₹₽₩₺₪₫₦฿¤]|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|JPY|CZK|HUF|INR|BRL|MXN)\b|\b(?:kr|zł|Kč|Fr)\.?/gi;

/**
 * Reads an amount as people write it: "1,234.56", "1.234,56", "12,50", "€ 1 234,00", "(5.00)",
 * "$-3", "1'234.50". Returns a plain decimal string ("1234.56"), or null when it is not a number.
 */
export function parseDecimal(value: string): string | null {
  let v = value.replace(CURRENCY, "").replace(/[\s\u00a0\u202f']/g, "");
  if (v === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  if (/^[+-]/.test(v)) {
    negative = negative !== (v[0] === "-");
    v = v.slice(1);
  } else if (v.endsWith("-")) {
    negative = !negative;
    v = v.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(v) || !/\d/.test(v)) return null;
  const lastDot = v.lastIndexOf("."),
    lastComma = v.lastIndexOf(",");
  let intPart: string,
    frac = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const thousands = dec === "." ? "," : ".";
    const at = v.lastIndexOf(dec);
    intPart = v.slice(0, at);
    frac = v.slice(at + 1);
    if (intPart.includes(dec) || frac.includes(thousands) || !validGroups(intPart, thousands)) return null;
    intPart = intPart.split(thousands).join("");
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const parts = v.split(sep);
    // "1,234,567" or "1.234.567": thousands; "1,234" is read as thousands too; "12,5" or "0,99" as decimals.
    if (parts.length > 2 || (parts[1]?.length === 3 && parts[0] !== "0" && parts[0] !== "" && sep === ",")) {
      if (!validGroups(v, sep)) return null;
      intPart = parts.join("");
    } else {
      intPart = parts[0] ?? "";
      frac = parts[1] ?? "";
    }
  } else {
    intPart = v;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === "" && frac === "")) return null;
  const int = intPart.replace(/^0+(?=\d)/, "") || "0";
  const text = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

function validGroups(v: string, sep: string): boolean {
  if (!v.includes(sep)) return true;
  const groups = v.split(sep);
  return /^\d{1,3}$/.test(groups[0] ?? "") && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}
