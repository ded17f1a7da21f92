package org.jracoon.parser.setkey;

import java.util.List;

/** A parsed setkey input: its directives in order, up to an {@code exit} if there is one. */
public record SetkeyScript(List<Directive> directives) {
    public SetkeyScript {
        directives = List.copyOf(directives);
    }
}
