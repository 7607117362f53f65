// The default theme, plus what the Expys docs add: the remembered code
// language, the live Try-it panel of the operation pages, and the layout that
// keeps code readable at common widths.
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import { useRememberedCodeLanguage } from "./code-language.ts";
import TryIt from "./TryIt.vue";
import "./custom.css";

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("TryIt", TryIt);
  },
  setup() {
    useRememberedCodeLanguage();
  },
} satisfies Theme;
