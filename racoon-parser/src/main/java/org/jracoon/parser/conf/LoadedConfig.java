package org.jracoon.parser.conf;

import java.util.List;

/**
 * A configuration racoon would accept: the model, the warnings racoon would print while reading it,
 * and the files it names for later (certificates, keys, psk.txt), which racoon reads only when it needs them.
 */
public record LoadedConfig(RacoonConf config, List<Diagnostic> warnings, List<FileReference> files) {
}
