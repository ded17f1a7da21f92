package org.jracoon.daemon;

import org.jracoon.parser.conf.Diagnostic;
import org.jracoon.parser.conf.FileReference;
import org.jracoon.parser.conf.LoadedConfig;
import org.jracoon.parser.conf.RacoonConf;
import org.jracoon.parser.conf.Remote;
import org.jracoon.parser.conf.Suggestions;
import org.jracoon.parser.psk.PskException;
import org.jracoon.parser.psk.PskFile;
import org.jracoon.parser.psk.SafeFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code racoon --check-config} adds to parsing: the files a configuration names (certificates,
 * private keys, psk.txt) are looked at now, although racoon reads them only when a negotiation
 * needs them, so a typo or a too-open key file shows up before the first peer does. Problems are
 * warnings: the configuration itself is valid.
 */
final class ConfigCheck {

    private ConfigCheck() {
    }

    static List<Diagnostic> fileWarnings(LoadedConfig loaded) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (FileReference ref : loaded.files()) {
            // a name is compared with the names before it: the first spelling is taken as the intended one
            List<FileReference> earlier = loaded.files().subList(0, loaded.files().indexOf(ref));
            problem(ref, earlier).ifPresent(p -> warnings.add(Diagnostic.warning(ref.namedAt(), p)));
        }
        return warnings;
    }

    private static Optional<String> problem(FileReference ref, List<FileReference> earlier) {
        Path file = Path.of(ref.path());
        String what = ref.kind().description() + " " + file;
        if (!Files.exists(file)) {
            return Optional.of(what + " does not exist" + nearMiss(file).or(() -> oddWord(file, earlier)).orElse(""));
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(what + " is not a regular file");
        }
        try {
            if (ref.kind() == FileReference.Kind.PRE_SHARED_KEYS) {
                PskFile.load(file);     // the daemon's own check and parse, so the warning is its refusal
                return Optional.empty();
            }
            if (ref.kind().isSecret()) {
                Optional<String> unsafe = SafeFile.problem(file);
                if (unsafe.isPresent()) {
                    return Optional.of(what + " is unsafe: " + unsafe.get());
                }
            }
            if (!Files.isReadable(file)) {
                return Optional.of(what + " cannot be read");
            }
        } catch (PskException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of(what + " cannot be checked: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** " (did you mean NAME?)" when the directory holds a file of a nearby name. */
    private static Optional<String> nearMiss(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            String name = file.getFileName().toString();
            List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !numberedSibling(n, name)).toList();
            return Suggestions.nearest(name, names).map(n -> " (did you mean " + n + "?)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * When the directory cannot tell, the files named earlier may: a word of the missing name that
     * is a near miss of a word in an earlier name ("gqhq" after "gwhq") is most likely a typo.
     */
    private static Optional<String> oddWord(Path file, List<FileReference> earlier) {
        List<String> words = words(file);
        for (FileReference other : earlier) {
            Path otherFile = Path.of(other.path());
            if (otherFile.equals(file)) {
                continue;
            }
            List<String> otherWords = words(otherFile).stream().filter(w -> words.stream().noneMatch(m -> numberedSibling(w, m))).toList();
            for (String word : words) {
                if (word.length() < 4 || otherWords.contains(word)) {
                    continue;
                }
                Optional<String> near = Suggestions.nearest(word, otherWords);
                if (near.isPresent()) {
                    return Optional.of(" (its name has '" + word + "' where " + other.kind().description() + " "
                            + otherFile.getFileName() + " has '" + near.get() + "': a typo?)");
                }
            }
        }
        return Optional.empty();
    }

    /** "pubkey1" and "pubkey2" are a series, not a typo of each other. */
    private static boolean numberedSibling(String a, String b) {
        return !a.equals(b) && a.replaceAll("[0-9]", "").equals(b.replaceAll("[0-9]", ""));
    }

    private static List<String> words(Path file) {
        return List.of(file.getFileName().toString().split("[_.\\-]+"));
    }

    /** One line: what the configuration defines. */
    static String summary(String file, RacoonConf conf, int warnings) {
        long anonymous = conf.remotes().stream().filter(r -> r.selector() instanceof Remote.Selector.Anonymous).count();
        int proposals = conf.remotes().stream().mapToInt(r -> r.proposals().size()).sum();
        return file + ": configuration OK: " + count(conf.remotes().size(), "remote")
                + (anonymous > 0 ? " (" + anonymous + " anonymous)" : "") + ", " + count(proposals, "proposal")
                + ", " + count(conf.sainfos().size(), "sainfo") + "; " + count(warnings, "warning");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
