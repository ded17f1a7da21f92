package org.jracoon.ike.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The CA certificates racoon trusts: those in {@code path certificate} reached through OpenSSL
 * subject-hash links ({@code <hash>.0}, {@code <hash>.1} ... for names whose hashes collide, as
 * {@code c_rehash} makes them), plus the file of {@code ca_type x509 "file"} if one is set.
 * The directory is read at each lookup, as OpenSSL's hash-dir lookup does, so a CA added while
 * the daemon runs is found. A link's certificate is parsed again only when the file it reaches
 * has changed (its modification time, size or file key): reading and parsing the PEM at every
 * RSA Main Mode was a tenth of the responder's time.
 */
public final class CaStore {

    private final Optional<Path> hashDirectory;
    private final List<X509Certificate> caFile;
    private final String description;
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    /** A link's certificate (empty: not one) as it was when the file had these attributes. */
    private record Parsed(FileTime modified, long size, Object fileKey, Optional<X509Certificate> certificate) {
        boolean current(BasicFileAttributes now) {
            return now.lastModifiedTime().equals(modified) && now.size() == size
                    && Objects.equals(now.fileKey(), fileKey);
        }
    }

    private CaStore(Optional<Path> hashDirectory, List<X509Certificate> caFile, String description) {
        this.hashDirectory = hashDirectory;
        this.caFile = List.copyOf(caFile);
        this.description = description;
    }

    /**
     * A store over a hash-link directory ({@code path certificate}) and/or an explicit CA file
     * ({@code ca_type x509}, already resolved), read now.
     *
     * @throws CredentialFileException the CA file is missing or not PEM certificates
     */
    public static CaStore of(Optional<Path> hashDirectory, Optional<Path> caFile) {
        List<X509Certificate> fromFile = caFile.map(PemFiles::certificates).orElse(List.of());
        List<String> where = new ArrayList<>();
        hashDirectory.ifPresent(dir -> where.add("hash links in " + dir));
        caFile.ifPresent(file -> where.add("CA file " + file));
        return new CaStore(hashDirectory, fromFile, where.isEmpty() ? "no CA configured" : String.join(" and ", where));
    }

    /** The CA certificates whose subject is {@code name}, hash links first, then the CA file. */
    public List<X509Certificate> issuersNamed(X500Name name) {
        List<X509Certificate> found = new ArrayList<>();
        hashDirectory.ifPresent(dir -> {
            String hash = SubjectHash.hex(name);
            for (int i = 0; ; i++) {
                Path link = dir.resolve(hash + "." + i);
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(link, BasicFileAttributes.class);
                } catch (IOException e) {
                    break; // the first missing index ends the chain of collisions
                }
                candidate(link, attributes)
                        .filter(ca -> DistinguishedNames.subject(ca).equals(name))
                        .ifPresent(found::add);
            }
        });
        caFile.stream().filter(ca -> DistinguishedNames.subject(ca).equals(name)).forEach(found::add);
        return found;
    }

    /** Where this store looks, for messages. */
    public String description() {
        return description;
    }

    private Optional<X509Certificate> candidate(Path link, BasicFileAttributes attributes) {
        Parsed known = parsed.get(link);
        if (known != null && known.current(attributes)) {
            return known.certificate();
        }
        Optional<X509Certificate> certificate;
        try {
            certificate = Optional.of(PemFiles.certificate(link));
        } catch (CredentialFileException e) {
            // a garbled link is no CA, as for OpenSSL's lookup; the next index may be one
            certificate = Optional.empty();
        }
        parsed.put(link, new Parsed(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(),
                certificate));
        return certificate;
    }
}
