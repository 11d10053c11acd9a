// The reference scenario as a TypeScript integrator would write it: types from openapi-typescript (generated
// from the served document into src/generated/), calls through openapi-fetch. It only type-checks if the
// document describes the routes, bodies and problems used here; it prints one line per step and exits non-zero
// on the first surprise. Run by tests/Contract.Tests (when_a_typescript_client_drives_the_api.cs).
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/loitracker.js";

type Schemas = components["schemas"];

const baseUrl = need("LOITRACKER_URL");
const as = (role: string) => createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${need(`LOITRACKER_TOKEN_${role.toUpperCase()}`)}` } });
const editor = as("editor");
const legal = as("legal");
const viewer = as("viewer");
const tag = Math.random().toString(16).slice(2, 8);

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function expect(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`Unexpected: ${what}`);
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  expect(result.data !== undefined, `${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

const openAi = ok(await editor.POST("/api/parties", { body: { name: `OpenAI (ts ${tag})`, country: "US" } }), "registerParty");
const samsung = ok(await editor.POST("/api/parties", { body: { name: `Samsung Electronics (ts ${tag})`, group: "Samsung", country: "KR" } }), "registerParty");
const parties = ok(await viewer.GET("/api/parties", { params: { query: { q: `ts ${tag}` } } }), "listParties");
expect(parties.total === 2, `listed ${parties.total} parties`);
console.log(`listParties: ${parties.total} parties`);

const drafted = ok(await editor.POST("/api/agreements", {
  body: {
    title: `Letter of intent: OpenAI and Samsung (${tag})`,
    kind: "LetterOfIntent",
    timeZone: "Asia/Seoul",
    parties: [{ partyId: openAi.id, role: "Signatory" }, { partyId: samsung.id, role: "Signatory" }],
    source: { kind: "PublicAnnouncement", reference: "Samsung Newsroom, 1 October 2025" },
  },
}), "draftAgreement");
const id = drafted.id;
console.log(`draftAgreement: ${id} at version ${drafted.version}`);

const provision = ok(await legal.POST("/api/agreements/{id}/provisions", {
  params: { path: { id } },
  body: { ref: "§2", heading: "Memory supply", binding: false, text: "Samsung Electronics intends to supply DRAM." },
}), "recordProvision");
const signed = ok(await legal.POST("/api/agreements/{id}/sign", {
  params: { path: { id } },
  body: {
    expectedVersion: provision.version,
    signatures: [
      { partyId: openAi.id, signedOn: "2025-10-01", signatoryName: "Sam Altman" },
      { partyId: samsung.id, signedOn: "2025-10-01", signatoryName: "Authorised signatory" },
    ],
  },
}), "signAgreement");
const read: Schemas["AgreementDetails"] = ok(await viewer.GET("/api/agreements/{id}", { params: { path: { id } } }), "getAgreement");
const status: Schemas["AgreementStatuses"] = read.status;
expect(status === "Signed" && read.version === signed.version && read.signedOn === "2025-10-01", `read back ${status}`);
console.log(`signAgreement: ${status} at version ${signed.version}`);

const commitment = ok(await editor.POST("/api/agreements/{id}/commitments", {
  params: { path: { id } },
  body: {
    obligorPartyIds: [samsung.id], beneficiaryPartyIds: [openAi.id], workstream: "memory-supply",
    title: "High-bandwidth DRAM supply", terms: "Supplies high-performance DRAM.", provisionRef: "§2", binding: false,
    quantity: { amount: 900000, unit: "DRAM wafers", per: "month", kind: "up-to" }, owner: "Ada Partnerships",
  },
}), "makeCommitment");
console.log(`makeCommitment: ${commitment.id}`);

const register = ok(await viewer.GET("/api/commitments", { params: { query: { agreement: id } } }), "listRegister");
const row = register.items[0];
expect(register.total === 1 && row !== undefined && row.id === commitment.id, `register of ${register.total}`);
const kind: Schemas["QuantityKind"] | undefined = row.quantity?.kind;
expect(kind === "up-to" && row.quantity?.amount === 900000 && row.owner === "Ada Partnerships", JSON.stringify(row));
console.log(`listRegister: ${row.title}, ${row.status}, ${kind} ${row.quantity?.amount} ${row.quantity?.unit} per ${row.quantity?.per}`);

const csv = await viewer.GET("/api/commitments/export.csv", { params: { query: { agreement: id } }, parseAs: "text" });
const text: string = ok(csv, "exportRegister");
expect(csv.response.headers.get("content-type")?.startsWith("text/csv") === true && text.startsWith("id,agreement,") && text.includes("up-to"), text);
console.log(`exportRegister: ${text.trim().split("\r\n").length} lines of CSV`);

const stale = await legal.POST("/api/agreements/{id}/notes", { params: { path: { id } }, body: { text: "Stale", expectedVersion: provision.version } });
expect(stale.response.status === 409 && stale.error !== undefined, `stale note answered ${stale.response.status}`);
const conflict: Schemas["ConflictProblem"] = stale.error as Schemas["ConflictProblem"];
expect(conflict.currentVersion === signed.version && typeof conflict.title === "string", JSON.stringify(conflict));
console.log(`409 ConflictProblem: '${conflict.title}', currentVersion ${conflict.currentVersion}`);

const twice = await legal.POST("/api/agreements/{id}/sign", {
  params: { path: { id } },
  body: { signatures: [{ partyId: openAi.id, signedOn: "2025-10-02", signatoryName: "Sam Altman" }] },
});
expect(twice.response.status === 422 && twice.error !== undefined, `signing twice answered ${twice.response.status}`);
const refused: Schemas["RuleProblem"] = twice.error as Schemas["RuleProblem"];
expect(refused.rule === "already-signed", JSON.stringify(refused));
console.log(`422 RuleProblem: rule ${refused.rule}, '${refused.title}'`);
