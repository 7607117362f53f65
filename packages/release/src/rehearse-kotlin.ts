// The Kotlin SDK's part of the release rehearsal: its version, bumped by
// changesets in package.json, goes into the POM; `mvn deploy` puts the jar, the
// sources jar and the POM into a real Maven repository in a temporary folder
// (a file: URL, nothing is published); then a new Maven project outside the
// repository depends on com.expys:expys-sdk from there and runs the docs'
// Kotlin quickstart against a sandbox.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "./run.ts";

/** What the Kotlin rehearsal deployed and saw. */
export interface KotlinRehearsal {
  /** The version changesets gave `@expys/sdk-kotlin`, which the POM now has. */
  version: string;
  /** The files `mvn deploy` wrote for that version (jar, sources jar, POM). */
  artifacts: string[];
  /** The `<version>` of the deployed POM. */
  pomVersion: string;
  /** What the Kotlin quickstart printed in the consumer project. */
  quickstartOutput: string;
}

// The consumer project is compiled in Maven's JVM, as the SDK's own POM asks, not by a shared Kotlin daemon.
const maven = ["-B", "-q", "--no-transfer-progress", "-Dkotlin.compiler.daemon=false"];

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * A Maven project that uses the SDK as an app would: one dependency, resolved from
 * `repository` first. `cache`, the developer's own local repository when there is
 * one, is read as a second repository for everything else (Kotlin, OkHttp, the
 * plugins), so the rehearsal needs no network for what a build already fetched.
 */
function consumerPom(version: string, repository: string, cache: string | undefined): string {
  const plugin = (artifactId: string, pluginVersion: string) =>
    `<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${artifactId}</artifactId><version>${pluginVersion}</version></plugin>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>expys-consumer</artifactId>
  <version>1.0.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>
  </properties>
  <repositories>
    <repository><id>rehearsal</id><url>${pathToFileURL(repository).href}</url></repository>
    ${cache ? `<repository><id>local-cache</id><url>${pathToFileURL(cache).href}</url></repository>` : ""}
  </repositories>
  <pluginRepositories>
    ${cache ? `<pluginRepository><id>local-cache</id><url>${pathToFileURL(cache).href}</url></pluginRepository>` : ""}
  </pluginRepositories>
  <dependencies>
    <dependency><groupId>com.expys</groupId><artifactId>expys-sdk</artifactId><version>${version}</version></dependency>
  </dependencies>
  <build>
    <sourceDirectory>src/main/kotlin</sourceDirectory>
    <plugins>
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-maven-plugin</artifactId><version>2.4.10</version>
        <executions><execution><id>compile</id><goals><goal>compile</goal></goals></execution></executions>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.11.0</version>
        <executions><execution><id>classpath</id><phase>package</phase><goals><goal>build-classpath</goal></goals>
          <configuration><outputFile>\${project.build.directory}/classpath.txt</outputFile></configuration></execution></executions>
      </plugin>
    </plugins>
    <pluginManagement><plugins>
      ${plugin("maven-resources-plugin", "3.5.0")}${plugin("maven-compiler-plugin", "3.16.0")}${plugin("maven-surefire-plugin", "3.5.4")}${plugin("maven-jar-plugin", "3.5.1")}
    </plugins></pluginManagement>
  </build>
</project>
`;
}

/**
 * Deploys the Kotlin SDK from `work` (a copy of the repository on which
 * `changeset version` has run) to a temporary Maven repository, and runs the
 * quickstart from a fresh consumer project against the sandbox in `sandboxEnv`.
 */
export async function rehearseKotlinRelease(work: string, sandboxEnv: Record<string, string>, log: (line: string) => void): Promise<KotlinRehearsal> {
  const sdk = join(work, "packages", "sdk-kotlin");
  const { version } = JSON.parse(await readFile(join(sdk, "package.json"), "utf8")) as { version: string };
  // As `npm run version-packages` does: package.json's version into the POMs and SDK_VERSION.
  await run(process.execPath, ["packages/sdk-kotlin/scripts/sync-version.ts"], { cwd: work });
  const repository = await mkdtemp(join(tmpdir(), "expys-maven-repository-"));
  const consumer = await mkdtemp(join(tmpdir(), "expys-kotlin-consumer-"));
  try {
    log(`mvn deploy com.expys:expys-sdk:${version} to ${repository}`);
    await run("mvn", [...maven, "deploy", "-DskipTests", `-DaltDeploymentRepository=rehearsal::${pathToFileURL(repository).href}`], { cwd: sdk });
    const folder = join(repository, "com", "expys", "expys-sdk", version);
    const artifacts = (await readdir(folder)).filter((file) => /\.(jar|pom)$/.test(file)).sort();
    const pom = await readFile(join(folder, `expys-sdk-${version}.pom`), "utf8");
    const pomVersion = /<artifactId>expys-sdk<\/artifactId>\s*(?:<!--[\s\S]*?-->\s*)?<version>([^<]+)<\/version>/.exec(pom)?.[1] ?? "";

    // A local repository of the consumer's own, so the SDK cannot come from a copy a
    // local build installed: only from the rehearsal's repository.
    const cache = join(homedir(), ".m2", "repository");
    const ownRepository = join(consumer, "m2");
    await writeFile(join(consumer, "pom.xml"), consumerPom(version, repository, (await exists(cache)) ? cache : undefined));
    await mkdir(join(consumer, "src", "main", "kotlin"), { recursive: true });
    await cp(join(work, "docs", "snippets", "quickstart.kt"), join(consumer, "src", "main", "kotlin", "quickstart.kt"));
    log("mvn package (a new Kotlin project outside the repository, depending on com.expys:expys-sdk)");
    await run("mvn", [...maven, `-Dmaven.repo.local=${ownRepository}`, "package"], { cwd: consumer });
    const origin = await readFile(join(ownRepository, "com", "expys", "expys-sdk", version, "_remote.repositories"), "utf8");
    if (!/>rehearsal=/.test(origin)) throw new Error(`com.expys:expys-sdk:${version} did not come from the rehearsal's repository:\n${origin}`);
    const classpath = `${join(consumer, "target", "classes")}:${(await readFile(join(consumer, "target", "classpath.txt"), "utf8")).trim()}`;
    const { stdout: quickstartOutput } = await run("java", ["-cp", classpath, "docs.quickstart.QuickstartKt"], {
      cwd: consumer,
      env: { ...process.env, ...sandboxEnv },
    });
    return { version, artifacts, pomVersion, quickstartOutput };
  } finally {
    await rm(repository, { recursive: true, force: true });
    await rm(consumer, { recursive: true, force: true });
  }
}
