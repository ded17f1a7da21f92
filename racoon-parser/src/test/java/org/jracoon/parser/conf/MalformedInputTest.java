package org.jracoon.parser.conf;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed racoon.conf inputs, each with the exact FILE:LINE:COL lines expected. The cases live in
 * malformed.txt: "### name", the input, then one "&gt;&gt;&gt; " line per expected error.
 */
class MalformedInputTest {

    record Case(String name, String input, List<String> expected) {
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = MalformedInputTest.class.getResourceAsStream("malformed.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("(?m)^### ")) {
            if (block.isBlank()) {
                continue;
            }
            String name = block.substring(0, block.indexOf('\n'));
            String rest = block.substring(block.indexOf('\n') + 1);
            int firstExpected = rest.indexOf(">>> ");
            String input = rest.substring(0, firstExpected);
            List<String> expected = rest.substring(firstExpected).lines()
                    .filter(l -> l.startsWith(">>> "))
                    .map(l -> l.substring(4))
                    .toList();
            cases.add(new Case(name, input, expected));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> eachMalformedInputFailsWithItsMessage() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 40, "at least 40 malformed inputs, found " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(c.input(), "bad.conf"));
            List<String> errors = e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
            assertEquals(c.expected(), errors);
        }));
    }
}
