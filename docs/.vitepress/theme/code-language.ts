// Remembers the language a reader picks in any code group (TypeScript,
// Kotlin, Swift, curl...) and shows it in every code group, on this page and
// on every page after, through localStorage only: no cookie, no network.
// VitePress switches the clicked group itself; this follows it everywhere else.
import { onContentUpdated } from "vitepress";
import { onMounted } from "vue";

/** The localStorage key holding the label of the last tab a reader chose. */
export const codeLanguageKey = "expys:code-language";

function stored(): string | null {
  try {
    return localStorage.getItem(codeLanguageKey);
  } catch {
    return null; // storage can be switched off; the default tab then stays
  }
}

function store(language: string): void {
  try {
    localStorage.setItem(codeLanguageKey, language);
  } catch {
    // Not remembered, but this page still follows the choice.
  }
}

const labelOf = (input: HTMLInputElement): string => input.parentElement?.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? "";

/** Shows the tab labelled `language` in one code group, if it has one; the way VitePress does it on a click. */
function select(group: Element, language: string): void {
  const inputs = [...group.querySelectorAll<HTMLInputElement>(":scope > .tabs > input")];
  const index = inputs.findIndex((input) => labelOf(input) === language);
  const blocks = group.querySelector(":scope > .blocks")?.children;
  if (index < 0 || !blocks || inputs[index]!.checked) return;
  inputs[index]!.checked = true;
  for (const block of blocks) block.classList.remove("active");
  blocks[index]?.classList.add("active");
}

function selectEverywhere(language: string, except?: Element): void {
  for (const group of document.querySelectorAll(".vp-code-group")) if (group !== except) select(group, language);
}

function onChange(event: Event): void {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.matches(".vp-code-group > .tabs > input")) return;
  const group = input.closest(".vp-code-group")!;
  const language = labelOf(input);
  store(language);
  // Groups above this one change height when they switch: keep the one the
  // reader clicked where it was on the screen.
  const before = group.getBoundingClientRect().top;
  selectEverywhere(language, group);
  window.scrollBy(0, group.getBoundingClientRect().top - before);
}

/** Call once from the theme's setup(). */
export function useRememberedCodeLanguage(): void {
  const apply = (): void => {
    const language = stored();
    if (language) selectEverywhere(language);
  };
  onMounted(() => {
    document.addEventListener("change", onChange);
    apply();
  });
  onContentUpdated(apply);
}
