package org.jracoon.parser.setkey;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns setkey's address words into addresses as getaddrinfo(3) does for it: numeric forms
 * directly, host names through the system resolver unless {@code -n} asks for numbers only;
 * {@code -4} / {@code -6} keep one family.
 */
final class AddressResolver {
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]+(\\.[0-9]+){0,3}");

    /** glibc's gai_strerror(EAI_NONAME), the text setkey prints for an unknown name. */
    static final String NO_SUCH_NAME = "Name or service not known";

    private final Class<? extends InetAddress> family;
    private final boolean numericOnly;

    AddressResolver(Class<? extends InetAddress> family, boolean numericOnly) {
        this.family = family;
        this.numericOnly = numericOnly;
    }

    static AddressResolver fromFlags(List<String> flags) {
        Class<? extends InetAddress> family = InetAddress.class;
        boolean numeric = false;
        for (String flag : flags) {
            for (char c : flag.substring(1).toCharArray()) {
                switch (c) {
                    case '4' -> family = Inet4Address.class;
                    case '6' -> family = Inet6Address.class;
                    default -> numeric = true;
                }
            }
        }
        return new AddressResolver(family, numeric);
    }

    /** All addresses of {@code host} in the selected family; fails with the gai_strerror text. */
    List<InetAddress> resolve(String host) throws UnknownHostException {
        boolean literal = host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
        if (!literal && numericOnly) {
            throw new UnknownHostException(NO_SUCH_NAME);
        }
        InetAddress[] all;
        try {
            all = literal ? new InetAddress[] {InetAddress.getByName(host)} : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException(NO_SUCH_NAME);
        }
        List<InetAddress> matching = Arrays.stream(all).filter(family::isInstance).distinct().toList();
        if (matching.isEmpty()) {
            throw new UnknownHostException(NO_SUCH_NAME);
        }
        return matching;
    }
}
