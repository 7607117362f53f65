// Runs Maven for the turbo tasks: `build` installs the SDK into the local Maven
// repository and compiles the projects that use it (the conformance service and
// the docs' snippets); `test` runs the SDK's tests in one JVM. Maven resolves
// what it needs on the first run and reads its local repository after that
// (every plugin version is pinned, so nothing is looked up again).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const maven = (args: string[]): void => {
  const result = spawnSync("mvn", ["-B", "--no-transfer-progress", ...args], { cwd: root, stdio: "inherit" });
  if (result.error) throw new Error(`mvn could not start (${result.error.message}): install Maven 3.8+ and a JDK 17+`);
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const task = process.argv[2];
if (task === "build") {
  maven(["-q", "install", "-DskipTests"]);
  maven(["-q", "-f", "consumers/pom.xml", "package"]);
} else if (task === "test") {
  maven(["test"]);
} else {
  console.error("usage: node scripts/maven.ts build|test");
  process.exit(2);
}
