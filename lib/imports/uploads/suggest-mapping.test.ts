import { describe, expect, it } from "vitest";
import { suggestMapping } from "./suggest-mapping";

describe("suggestMapping", () => {
  it("suggests customer fields from common header names, each field once", () => {
    expect(
      suggestMapping(["E-Mail Address", "Vorname", "Last name", "Mobile", "Kundennummer", "Newsletter", "Notes", "Email 2"], "customers"),
    ).toEqual({
      "E-Mail Address": "email",
      Vorname: "first_name",
      "Last name": "last_name",
      Mobile: "phone",
      Kundennummer: "external_id",
      Newsletter: "email_consent",
      Notes: "",
      "Email 2": "",
    });
  });

  it("suggests order fields, including the Online Retail and Shopify names", () => {
    expect(
      suggestMapping(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "Customer Email"], "orders"),
    ).toEqual({
      InvoiceNo: "order_number",
      StockCode: "sku",
      Description: "description",
      Quantity: "quantity",
      InvoiceDate: "placed_at",
      UnitPrice: "unit_price",
      "Customer Email": "email",
    });
  });
});
