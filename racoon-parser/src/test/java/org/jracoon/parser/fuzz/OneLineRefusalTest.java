package org.jracoon.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.parser.setkey.SetkeyReader;
import org.jracoon.parser.setkey.SetkeySyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Found by fuzzing: a quoted string that spans lines was shown as it is in the refusal, which
 * then took several lines. It is shown with its line breaks escaped.
 */
class OneLineRefusalTest {

    @Test
    void racoonConfStringAcrossLines() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("path include \"/etc\";\n\"a\nb\" x;\n", "multi.conf"));
        String shown = e.diagnostics().get(0).toString();
        assertTrue(shown.startsWith("multi.conf:2:1: unexpected string \"a\\nb\" at top level: expected "), shown);
        assertFalse(shown.contains("\n"), shown);
    }

    @Test
    void setkeyTokenAcrossLines() {
        SetkeyReader reader = new SetkeyReader(ProtocolNames.parse(List.of("tcp\t6\tTCP")));
        SetkeySyntaxException e = assertThrows(SetkeySyntaxException.class, () -> reader.read("\"a\r\nb\" flush;\n"));
        assertEquals("line 1: syntax error at [\"a\\r\\nb\"]", e.getMessage());
        assertEquals("\"a\r\nb\"", e.near());
    }
}
