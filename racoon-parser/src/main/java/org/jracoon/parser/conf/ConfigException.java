package org.jracoon.parser.conf;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration racoon would refuse to load; every problem found is one {@link Diagnostic}. */
public final class ConfigException extends Exception {

    private final List<Diagnostic> diagnostics;

    public ConfigException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Errors first in file order, then any warnings collected before the load stopped. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
