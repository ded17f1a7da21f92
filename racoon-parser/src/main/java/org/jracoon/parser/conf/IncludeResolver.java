package org.jracoon.parser.conf;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the files an {@code include "glob";} names, as racoon does: a relative name is first put
 * under {@code path include} (getpathname()), a leading {@code ~} is the home directory, and the
 * glob(3) matches are read in sorted order. No match is an error, as in racoon.
 */
final class IncludeResolver {

    private IncludeResolver() {
    }

    /** The matching files, sorted; the exception's message says why there are none. */
    static List<Path> resolve(String pattern, Optional<String> includeDir) throws IOException {
        String name = pattern;
        if (name.startsWith("~/") || name.equals("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        if (!name.startsWith("/") && includeDir.isPresent()) {
            name = includeDir.get() + "/" + name;
        }
        if (!hasGlob(name)) {
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new IOException("no such file: " + name);
            }
            return List.of(path);
        }
        Path pathPattern = Path.of(name).toAbsolutePath();
        Path base = pathPattern.getRoot();
        int firstGlob = 0;
        for (Path part : pathPattern) {
            if (hasGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
            firstGlob++;
        }
        int depth = pathPattern.getNameCount() - firstGlob;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pathPattern);
        if (!Files.isDirectory(base)) {
            throw new IOException("no file matches " + name + " (" + base + " is not a directory)");
        }
        List<Path> matches;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            matches = walk.filter(p -> p.getNameCount() == pathPattern.getNameCount())
                    .filter(matcher::matches)
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (matches.isEmpty()) {
            throw new IOException("no file matches " + name);
        }
        return matches;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
