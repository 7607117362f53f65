import { type DefaultTheme, defineConfig } from "vitepress";
import { packageVersion } from "./site/changelog.ts";
import { expandGenerated } from "./site/generated-blocks.ts";
import { methods, operationLink, plan, schemaLink, sdkMethod, specPath } from "./site/spec-plan.ts";
import { schemas } from "./site/tables.ts";

const guides: DefaultTheme.SidebarItem[] = [
  { text: "Quickstart", link: "/guide/quickstart" },
  { text: "Authentication", link: "/guide/authentication" },
  { text: "Conversations", link: "/guide/conversations" },
  { text: "Streaming messages", link: "/guide/streaming" },
  { text: "Errors", link: "/guide/errors" },
  { text: "Retries and idempotency", link: "/guide/retries" },
  { text: "Pagination", link: "/guide/pagination" },
];

// The reference part of the sidebar lists what the spec declares, so a new
// operation or schema appears in the navigation without touching this file.
const reference: DefaultTheme.SidebarItem[] = [
  { text: "Overview", link: "/reference/" },
  {
    text: "Operations",
    collapsed: false,
    items: methods.map(({ method }) => ({ text: sdkMethod(method).name, link: operationLink(method) })),
  },
  {
    text: "Schemas",
    collapsed: true,
    items: schemas.map((type) => ({ text: type.id, link: schemaLink(type) })),
  },
];

const sdk = packageVersion("packages/sdk-ts");

export default defineConfig({
  title: "Expys",
  description: "Build conversations with the Expys concierge: guides and API reference, with examples that are tested.",
  lang: "en",
  // Contributor files and code that live beside the pages are not pages.
  srcExclude: ["README.md", "snippets/**", "test/**", "scripts/**", "data/**", "reference/examples/**"],
  // Nothing from the network: the site must work offline and on a closed network.
  head: [
    ["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }],
    ["meta", { name: "theme-color", content: "#3451b2" }],
  ],
  markdown: {
    config(md) {
      // Generated lines become markdown built from the spec before the page is
      // parsed. The spec is recorded as an include, so the dev server rebuilds
      // the page when the spec changes.
      const parse = md.parse.bind(md);
      md.parse = (src, env: { includes?: string[]; relativePath?: string }) => {
        const expanded = expandGenerated(src, env?.relativePath);
        if (expanded !== src) env?.includes?.push(specPath);
        return parse(expanded, env);
      };
    },
  },
  themeConfig: {
    logo: "/favicon.svg",
    nav: [
      { text: "Guides", link: "/guide/quickstart", activeMatch: "^/guide/" },
      { text: "Reference", link: "/reference/", activeMatch: "^/reference/" },
      { text: "SDK parity", link: "/parity" },
      {
        text: `v${sdk.version}`,
        items: [
          { text: "Changelog", link: "/changelog" },
          { text: `API ${plan.api.version}`, link: "/reference/" },
        ],
      },
    ],
    sidebar: [
      { text: "Guides", items: guides },
      { text: "Reference", items: reference },
    ],
    search: { provider: "local" },
    outline: { level: [2, 3] },
    footer: { message: `${sdk.name} ${sdk.version}, generated from the Expys Concierge API ${plan.api.version} specification.` },
  },
});
