import { defineConfig, type DefaultTheme } from "vitepress";
import { generatedBlocks, methods, operationLink, plan, schemaLink, schemas, sdkMethod, specPath } from "./api.ts";

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

const generatedLine = /^<!-- @generated ([\w-]+)(?::(\S+))? -->$/gm;

export default defineConfig({
  title: "Expys",
  description: "Build conversations with the Expys concierge: guides and API reference, with examples that are tested.",
  lang: "en",
  // Contributor files and code that live beside the pages are not pages.
  srcExclude: ["README.md", "snippets/**", "test/**", "scripts/**"],
  // Nothing from the network: the site must work offline and on a closed network.
  head: [["meta", { name: "theme-color", content: "#3451b2" }]],
  markdown: {
    config(md) {
      // `<!-- @generated errors-table -->` and friends become markdown built from
      // the spec before the page is parsed, so they render (and are searchable)
      // like hand-written tables. The spec is recorded as an include, so the dev
      // server rebuilds the page when the spec changes.
      const parse = md.parse.bind(md);
      md.parse = (src, env: { includes?: string[]; relativePath?: string }) => {
        const expanded = src.replace(generatedLine, (_line, name: string, argument: string | undefined) => {
          const block = generatedBlocks[name];
          if (!block) throw new Error(`${env?.relativePath ?? "a page"} asks for an unknown generated block "${name}"`);
          env?.includes?.push(specPath);
          return block(argument);
        });
        return parse(expanded, env);
      };
    },
  },
  themeConfig: {
    nav: [
      { text: "Guides", link: "/guide/quickstart", activeMatch: "^/guide/" },
      { text: "Reference", link: "/reference/", activeMatch: "^/reference/" },
    ],
    sidebar: [
      { text: "Guides", items: guides },
      { text: "Reference", items: reference },
    ],
    search: { provider: "local" },
    outline: { level: [2, 3] },
    footer: { message: `Generated from the Expys Concierge API ${plan.api.version} specification.` },
  },
});
