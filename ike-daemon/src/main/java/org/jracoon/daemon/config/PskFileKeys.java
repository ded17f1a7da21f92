package org.jracoon.daemon.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.parser.psk.PskException;
import org.jracoon.parser.psk.PskFile;

/** The engine's pre-shared keys, from racoon's psk.txt, looked up by the peer's address. */
public final class PskFileKeys implements PreSharedKeys {

    private final PskFile file;

    private PskFileKeys(PskFile file) {
        this.file = file;
    }

    /**
     * Reads psk.txt, refusing it as racoon does when others may read it.
     *
     * @throws PskException one line naming the file and why it cannot be used
     */
    public static PskFileKeys load(Path path) throws PskException {
        return new PskFileKeys(PskFile.load(path));
    }

    @Override
    public Optional<Secret> forAddress(InetAddress peer) {
        return file.lookup(peer).map(Secret::copyOf);
    }
}
