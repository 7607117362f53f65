// Lets TypeScript type-check the theme's imports of single-file components.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
