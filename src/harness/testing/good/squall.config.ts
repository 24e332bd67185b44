import { defineApp } from "../../../app/define-app.ts";
import { tableName } from "../../../app/refs.ts";
import { defineConfig } from "../../config.ts";

const app = defineApp({
  name: "visits",
  root: import.meta.dirname,
  tables: { Pages: { partitionKey: { name: "page", type: "S" } } },
  functions: { visit: { handler: "handler.ts#visit", environment: { TABLE: tableName("Pages") } } },
});

export default defineConfig({
  app,
  scenarios: {
    "three-visits": {
      async run({ target }) {
        for (let i = 0; i < 3; i++) await target.invoke("visit", { page: "home" });
      },
    },
  },
  invariants: [
    {
      name: "home has at most 2 visits",
      async check({ target }) {
        const home = await target.getItem("Pages", { page: "home" });
        const visits = (home?.visits as number | undefined) ?? 0;
        return visits > 2 ? [{ message: `home has ${visits} visits`, items: [home] }] : [];
      },
    },
  ],
});
