package org.jracoon.parser.conf;

import java.util.List;

/**
 * A configuration racoon would accept: the model, the warnings racoon would print while reading it,
 * and the files it names for later (see {@link ReferencedFiles} for checking them).
 */
public record LoadedConfig(RacoonConf config, List<Diagnostic> warnings, List<FileReference> files) {
}
