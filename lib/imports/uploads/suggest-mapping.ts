import type { MappingTarget } from "../format-schemas";

/** Words header names use for each Tailor field, compared after lower-casing and dropping punctuation. */
const SYNONYMS: Record<MappingTarget, Record<string, string[]>> = {
  customers: {
    email: ["email", "emailaddress", "mail", "courriel", "correo", "emailadresse"],
    external_id: [
      "customerid",
      "clientid",
      "id",
      "contactid",
      "userid",
      "customerno",
      "customernumber",
      "clientno",
      "kundennummer",
      "memberid",
    ],
    first_name: ["firstname", "givenname", "first", "forename", "prenom", "vorname", "nombre"],
    last_name: ["lastname", "surname", "familyname", "last", "nom", "nachname", "apellido"],
    phone: ["phone", "phonenumber", "mobile", "mobilephone", "cell", "telephone", "tel", "telefon"],
    country: ["country", "countrycode", "cc", "pays", "land"],
    city: ["city", "town", "ville", "stadt", "ciudad"],
    email_consent: [
      "acceptsemailmarketing",
      "acceptsmarketing",
      "newsletter",
      "optin",
      "emailoptin",
      "subscribed",
      "marketingconsent",
      "consent",
    ],
    consent_date: ["consentdate", "optindate", "optintime", "subscribedat", "subscribeddate"],
    signed_up_at: ["signedupat", "signupdate", "createdat", "created", "joined", "registered", "registrationdate", "datecreated"],
  },
  orders: {
    order_number: [
      "ordernumber",
      "orderid",
      "order",
      "invoiceno",
      "invoice",
      "invoicenumber",
      "name",
      "receipt",
      "receiptnumber",
      "transactionid",
    ],
    email: ["email", "emailaddress", "customeremail", "mail"],
    external_id: ["customerid", "clientid", "customerno", "customernumber"],
    placed_at: ["placedat", "orderdate", "date", "createdat", "invoicedate", "purchasedate", "created", "datetime"],
    sku: ["sku", "stockcode", "productid", "itemcode", "lineitemsku", "productcode", "item"],
    description: ["description", "productname", "lineitemname", "itemname", "product", "title"],
    quantity: ["quantity", "qty", "lineitemquantity", "units", "amount"],
    unit_price: ["unitprice", "price", "lineitemprice", "itemprice"],
    line_total: ["linetotal", "total", "subtotal", "revenue", "sales"],
    currency: ["currency", "currencycode"],
    country: ["country", "billingcountry", "countrycode"],
    first_name: ["firstname", "billingfirstname"],
    last_name: ["lastname", "billinglastname"],
  },
  events: {
    email: ["email", "emailaddress", "useremail", "mail"],
    external_id: ["userid", "customerid", "contactid", "clientid", "id"],
    event_type: ["event", "eventtype", "eventname", "type", "action", "activity"],
    occurred_at: ["timestamp", "occurredat", "time", "date", "datetime", "eventtime", "createdat"],
    first_name: ["firstname"],
    last_name: ["lastname"],
  },
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");

/**
 * Suggests a Tailor field for each header name: exact synonyms first, then a header that contains a
 * field's word ("Customer E-mail" → email). Each field is suggested once; "" means no suggestion.
 */
export function suggestMapping(header: string[], target: MappingTarget): Record<string, string> {
  const result: Record<string, string> = Object.fromEntries(header.map((h) => [h, ""]));
  const used = new Set<string>();
  const fields = Object.entries(SYNONYMS[target]);
  for (const pass of ["exact", "contains"] as const) {
    for (const h of header) {
      if (result[h]) continue;
      const n = norm(h);
      if (!n) continue;
      const hit = fields.find(
        ([field, words]) => !used.has(field) && words.some((w) => (pass === "exact" ? n === w : w.length >= 4 && n.includes(w))),
      );
      if (hit) {
        result[h] = hit[0];
        used.add(hit[0]);
      }
    }
  }
  return result;
}
