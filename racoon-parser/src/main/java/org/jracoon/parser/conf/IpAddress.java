package org.jracoon.parser.conf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A literal IPv4 or IPv6 address as racoon.conf writes it, with an optional {@code %scope}.
 * Host names are not addresses in racoon.conf (cftoken.l), so parsing never touches DNS.
 */
public record IpAddress(InetAddress address, Optional<String> scope) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses a literal address; the message of the exception says why the text is none. */
    public static IpAddress parse(String text) {
        String literal = text;
        Optional<String> scope = Optional.empty();
        int percent = text.indexOf('%');
        if (percent >= 0) {
            literal = text.substring(0, percent);
            scope = Optional.of(text.substring(percent + 1));
        }
        if (IPV4.matcher(literal).matches()) {
            for (String part : literal.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (" + part + " > 255)");
                }
            }
        } else if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            // A literal containing only digits, dots, hex letters and colons is never looked up.
            InetAddress inet = InetAddress.getByName(literal);
            if (literal.contains(":") && !(inet instanceof Inet6Address)) {
                // Java folds ::ffff:a.b.c.d into IPv4; racoon keeps the family the user wrote.
                inet = Inet6Address.getByAddress(null, mapped(inet), null);
            }
            return new IpAddress(inet, scope);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    private static byte[] mapped(InetAddress v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, out, 12, 4);
        return out;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** Bits in a full-length prefix of this family. */
    public int bits() {
        return isIpv4() ? 32 : 128;
    }

    /** RFC 5952 text: lower case, longest run of zero groups shortened to "::". */
    @Override
    public String toString() {
        String text = isIpv4() ? address.getHostAddress() : compress(address.getAddress());
        return scope.map(s -> text + "%" + s).orElse(text);
    }

    private static String compress(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
