package bench

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File

/** The sandbox in its own Node process (`packages/sandbox/dist/cli.js --port 0`), so its work does not share the JVM. */
class SandboxProcess : AutoCloseable {
    private val root = generateSequence(File("").absoluteFile) { it.parentFile }.first { File(it, "packages/sandbox/dist/cli.js").exists() }
    private val process = ProcessBuilder("node", File(root, "packages/sandbox/dist/cli.js").path, "--port", "0", "--quiet", "--no-agent")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start()
    private val fields = Json.parseToJsonElement(process.inputStream.bufferedReader().readLine() ?: error("the sandbox did not start")).jsonObject
    val baseUrl: String = fields["baseUrl"]!!.jsonPrimitive.content
    val memberToken: String = fields["memberToken"]!!.jsonPrimitive.content
    val conversationId: String = fields["conversationId"]!!.jsonPrimitive.content

    override fun close() {
        process.destroy()
        process.waitFor()
    }
}
