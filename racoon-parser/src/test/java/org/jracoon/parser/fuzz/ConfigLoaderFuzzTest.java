package org.jracoon.parser.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.conf.Diagnostic;
import org.junit.jupiter.api.Tag;

/**
 * racoon.conf of arbitrary text: a model or a ConfigException whose errors are FILE:LINE:COL
 * diagnostics, never another exception and never a stack overflow (deep nesting). Seeds: the
 * racoon.conf samples of the shared corpus, in ConfigLoaderFuzzTestInputs.
 */
@Tag("fuzz")
class ConfigLoaderFuzzTest {

    private static final String NAME = "fuzz.conf";

    @FuzzTest
    void racoonConf(byte[] content) {
        try {
            ConfigLoader.parse(new String(content, StandardCharsets.UTF_8), NAME);
        } catch (ConfigException e) {
            if (e.diagnostics().stream().noneMatch(Diagnostic::isError)) {
                throw new AssertionError("refusal without an error diagnostic: " + e.diagnostics());
            }
            for (Diagnostic d : e.diagnostics()) {
                if (!NAME.equals(d.file()) || d.line() < 1 || d.column() < 1) {
                    throw new AssertionError("diagnostic without its place: " + d);
                }
                ParserFuzzing.checkMessage(d.toString(), NAME + ":");
            }
        }
    }
}
