package org.jracoon.ike.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.Octets;

/**
 * A phase-1 identity as racoon's {@code my_identifier} and {@code peers_identifier} write it.
 * An address identifier without a value stands for the IKE endpoint's own address.
 */
public record Identifier(Kind kind, String value) {

    /** UDP and port 500, as racoon fills the ID payload's protocol and port in Main Mode. */
    private static final int UDP = 17;
    private static final int IKE_PORT = 500;

    public enum Kind {
        ADDRESS, FQDN, USER_FQDN
    }

    public Identifier {
        Objects.requireNonNull(kind);
        if (kind != Kind.ADDRESS && (value == null || value.isEmpty())) {
            throw new IllegalArgumentException(kind + " identifier needs a value");
        }
        if (kind == Kind.ADDRESS && value != null && !value.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("address identifier " + value + " is not an IP literal");
        }
    }

    /** A fixed address, racoon's {@code my_identifier address 192.0.2.1}. */
    public static Identifier address(InetAddress address) {
        return new Identifier(Kind.ADDRESS, address.getHostAddress());
    }

    /** The IKE endpoint's address, racoon's default {@code my_identifier address}. */
    public static Identifier address() {
        return new Identifier(Kind.ADDRESS, null);
    }

    public static Identifier fqdn(String name) {
        return new Identifier(Kind.FQDN, name);
    }

    public static Identifier userFqdn(String name) {
        return new Identifier(Kind.USER_FQDN, name);
    }

    /** The ID payload that carries this identifier for an SA whose own endpoint is {@code endpoint}. */
    public IdPayload payload(InetAddress endpoint) {
        return switch (kind) {
            case ADDRESS -> IdPayload.ofAddress(value == null ? endpoint : literal(value), UDP, IKE_PORT);
            case FQDN -> IdPayload.ofFqdn(value);
            case USER_FQDN -> IdPayload.ofUserFqdn(value);
        };
    }

    /**
     * Whether a received ID payload names this identifier for a peer at {@code endpoint}; the
     * protocol and port fields are not compared (strongSwan sends 0/0 where racoon sends 17/500).
     */
    public boolean matches(IdPayload id, InetAddress endpoint) {
        return switch (kind) {
            case ADDRESS -> (id.idType() == IdType.IPV4_ADDR || id.idType() == IdType.IPV6_ADDR)
                    && id.data().equals(Octets.of((value == null ? endpoint : literal(value)).getAddress()));
            case FQDN -> id.idType() == IdType.FQDN && text(id).equalsIgnoreCase(value);
            case USER_FQDN -> id.idType() == IdType.USER_FQDN && text(id).equalsIgnoreCase(value);
        };
    }

    private static String text(IdPayload id) {
        return new String(id.data().toByteArray(), StandardCharsets.US_ASCII);
    }

    private static InetAddress literal(String address) {
        try {
            // the constructor admits literals only, so this never asks DNS
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address identifier " + address, e);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + (value == null ? "" : " " + value);
    }
}
