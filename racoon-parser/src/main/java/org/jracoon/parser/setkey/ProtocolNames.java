package org.jracoon.parser.setkey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * IP protocol names as setkey knows them: getprotobyname(3) and getprotobynumber(3) over
 * /etc/protocols, plus setkey's own fallbacks {@code icmp6} (58) and {@code ip4} (4).
 */
public final class ProtocolNames {
    private static final Path SYSTEM_FILE = Path.of("/etc/protocols");

    private final Map<String, Integer> numbers;
    private final Map<Integer, String> names;

    private ProtocolNames(Map<String, Integer> numbers, Map<Integer, String> names) {
        this.numbers = Map.copyOf(numbers);
        this.names = Map.copyOf(names);
    }

    /** The machine's table; empty (numbers only) where /etc/protocols cannot be read. */
    public static ProtocolNames system() {
        try {
            return parse(Files.readAllLines(SYSTEM_FILE));
        } catch (IOException e) {
            return parse(List.of());
        }
    }

    /** Reads protocols(5) lines: {@code name number [aliases...] [# comment]}. */
    public static ProtocolNames parse(List<String> lines) {
        Map<String, Integer> numbers = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            int number;
            try {
                number = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            // the first entry for a number is the one getprotobynumber returns
            names.putIfAbsent(number, fields[0]);
            numbers.putIfAbsent(fields[0], number);
            for (int i = 2; i < fields.length; i++) {
                numbers.putIfAbsent(fields[i], number);
            }
        }
        return new ProtocolNames(numbers, names);
    }

    public OptionalInt number(String name) {
        Integer n = numbers.get(name);
        if (n != null) {
            return OptionalInt.of(n);
        }
        return switch (name) {
            case "icmp6" -> OptionalInt.of(58);
            case "ip4" -> OptionalInt.of(4);
            default -> OptionalInt.empty();
        };
    }

    public Optional<String> name(int number) {
        return Optional.ofNullable(names.get(number));
    }
}
