package org.jracoon.testbeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The INI-like text of a scenario: {@code [kind name]} (or {@code [kind]}) section headers,
 * {@code key = value} lines, {@code #} comments and blank lines. A key may repeat (one route or
 * expected SA per line); the scenario loader says which keys may.
 */
record IniFile(String source, List<Section> sections) {

    record Entry(String source, int line, String key, String value) {
        /** "scenario.ini:12" for messages. */
        String where() {
            return source + ":" + line;
        }
    }

    record Section(String source, int line, String kind, String name, List<Entry> entries) {
        List<String> all(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
        }

        /** The single value of {@code key}, if given; given twice is an error. */
        Optional<String> one(String key) throws ScenarioException {
            List<Entry> found = entries.stream().filter(e -> e.key().equals(key)).toList();
            if (found.size() > 1) {
                throw new ScenarioException(found.get(1).where() + ": '" + key + "' given twice in " + title());
            }
            return found.stream().findFirst().map(Entry::value);
        }

        String title() {
            return "[" + kind + (name.isEmpty() ? "" : " " + name) + "]";
        }
    }

    static IniFile read(Path path) throws ScenarioException {
        try {
            return parse(path.toString(), Files.readString(path));
        } catch (IOException e) {
            throw new ScenarioException(path + ": cannot be read: " + e.getMessage());
        }
    }

    static IniFile parse(String source, String text) throws ScenarioException {
        List<Section> sections = new ArrayList<>();
        List<Entry> entries = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new ScenarioException(source + ":" + number + ": section header without ']': " + line);
                }
                String[] words = line.substring(1, line.length() - 1).strip().split("\\s+");
                if (words[0].isEmpty() || words.length > 2) {
                    throw new ScenarioException(source + ":" + number + ": expected [kind] or [kind name]: " + line);
                }
                entries = new ArrayList<>();
                sections.add(new Section(source, number, words[0], words.length == 2 ? words[1] : "", entries));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(source + ":" + number + ": expected 'key = value': " + line);
            }
            if (entries == null) {
                throw new ScenarioException(source + ":" + number + ": '" + line + "' before any [section]");
            }
            entries.add(new Entry(source, number, line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        return new IniFile(source, List.copyOf(sections));
    }
}
