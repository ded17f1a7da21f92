package org.jracoon.parser.psk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * racoon's safefile(): a file holding secrets (psk.txt, private keys) is used only when it is owned
 * by root or by the user racoon runs as, and nobody else may read, write or execute it.
 */
public final class SafeFile {

    private SafeFile() {
    }

    /** Why racoon would refuse this file, with the fix, or empty when it is safe. */
    public static Optional<String> problem(Path file) throws IOException {
        String owner = Files.getOwner(file).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals("root") && !owner.equals(me)) {
            return Optional.of("it is owned by " + owner + ", not by root or " + me + " (fix: chown " + me + " " + file + ")");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Optional.of("its permissions cannot be checked on this file system");
        }
        List<String> who = new ArrayList<>();
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.GROUP_EXECUTE)) {
            who.add("group");
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            who.add("others");
        }
        if (who.isEmpty()) {
            return Optional.empty();
        }
        boolean readable = perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        return Optional.of("it is " + (readable ? "readable" : "accessible") + " by " + String.join(" and ", who)
                + " (mode " + mode(perms) + "; fix: chmod 600 " + file + ")");
    }

    private static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
