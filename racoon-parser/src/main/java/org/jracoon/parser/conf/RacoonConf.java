package org.jracoon.parser.conf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The effective configuration of one racoon.conf (includes expanded, {@code inherit} resolved,
 * racoon's code defaults filled in). Immutable and free of parser types, so the daemon can map it
 * onto the engine's own policy types and tests can compare two loads with {@code equals}.
 *
 * <p>Defaults are those of ipsec-tools 0.8.2's code (localconf.c setdefault(), remoteconf.c,
 * sainfo.c), not of its man page where the two differ: timer phase1/phase2 30 s,
 * complex_bundle on.
 */
public record RacoonConf(
        Paths paths,
        LogLevel logLevel,
        Listen listen,
        Timers timers,
        Padding padding,
        Optional<Privsep> privsep,
        int pfkeyBufferKb,
        boolean complexBundle,
        GssIdEncoding gssIdEncoding,
        Optional<ModeCfg> modeCfg,
        Optional<LdapCfg> ldapCfg,
        Optional<RadiusCfg> radiusCfg,
        List<Remote> remotes,
        List<Sainfo> sainfos) {

    public RacoonConf {
        remotes = List.copyOf(remotes);
        sainfos = List.copyOf(sainfos);
    }

    /** {@code path TYPE "value";} — empty when not written (racoon then has no such path). */
    public record Paths(Optional<String> include, Optional<String> preSharedKey, Optional<String> certificate,
                        Optional<String> script, Optional<String> backupSa, Optional<String> pidFile) {
    }

    public enum LogLevel implements Keyword {
        ERROR, WARNING, NOTIFY, INFO, DEBUG, DEBUG2
    }

    /**
     * {@code listen { }}: with no {@code isakmp} lines racoon listens on every local address
     * (port 500, and 4500 for NAT-T) and follows address changes.
     */
    public record Listen(List<Endpoint> isakmp, List<Endpoint> isakmpNatt, boolean strictAddress,
                         AdminSocket adminSocket) {
        public Listen {
            isakmp = List.copyOf(isakmp);
            isakmpNatt = List.copyOf(isakmpNatt);
        }
    }

    /** {@code adminsock}: the racoonctl socket; empty path = {@code adminsock disabled}. */
    public record AdminSocket(Optional<String> path, String owner, String group, int mode) {
        /** Debian's build (ADMINPORTDIR /var/run/racoon), owned by root, mode 0600. */
        public static final AdminSocket DEFAULT =
                new AdminSocket(Optional.of("/var/run/racoon/racoon.sock"), "root", "root", 0600);
    }

    /** {@code timer { }}: retransmission and phase deadlines. */
    public record Timers(int counter, long intervalSeconds, int persend, long phase1Seconds, long phase2Seconds,
                         long nattKeepaliveSeconds) {
        public static final Timers DEFAULT = new Timers(5, 10, 1, 30, 30, 20);
    }

    /** {@code padding { }}: ISAKMP payload padding (parsed for compatibility). */
    public record Padding(boolean randomize, boolean randomizeLength, int maximumLength, boolean strictCheck,
                          boolean exclusiveTail) {
        public static final Padding DEFAULT = new Padding(true, false, 20, false, true);
    }

    /** {@code privsep { }}: user and group by name or number, and a chroot directory. */
    public record Privsep(Optional<String> userName, OptionalInt userId, Optional<String> groupName,
                          OptionalInt groupId, Optional<String> chroot) {
    }

    public enum GssIdEncoding implements Keyword {
        LATIN1,
        UTF16LE {
            @Override
            public String keyword() {
                return "utf-16le";
            }
        }
    }

    /** {@code mode_cfg { }}: what a Mode Config server hands out (racoon's isakmp_cfg_config). */
    public record ModeCfg(Optional<IpAddress> network4, Optional<IpAddress> netmask4, List<IpAddress> dns4,
                          List<IpAddress> wins4, Optional<SplitType> splitType, List<Network> splitNetworks,
                          List<String> splitDns, Optional<String> defaultDomain, Source authSource,
                          List<String> authGroups, Source groupSource, Source accounting, Source confSource,
                          int poolSize, int authThrottleSeconds, Optional<String> banner, OptionalInt pfsGroup,
                          boolean savePasswd) {

        public ModeCfg {
            dns4 = List.copyOf(dns4);
            wins4 = List.copyOf(wins4);
            splitNetworks = List.copyOf(splitNetworks);
            splitDns = List.copyOf(splitDns);
            authGroups = List.copyOf(authGroups);
        }

        public static final ModeCfg DEFAULT = new ModeCfg(Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Source.SYSTEM, List.of(), Source.SYSTEM,
                Source.NONE, Source.LOCAL, 255, 1, Optional.empty(), OptionalInt.empty(), false);

        public enum SplitType implements Keyword {
            INCLUDE, LOCAL_LAN
        }

        /** Where users, groups, accounting and configuration come from. */
        public enum Source implements Keyword {
            SYSTEM, RADIUS, PAM, LDAP, LOCAL, NONE
        }

        public record Network(IpAddress address, int prefix) {
            @Override
            public String toString() {
                return address + "/" + prefix;
            }
        }
    }

    /** {@code ldapcfg { }} with racoon's defaults (xauth_ldap_init_conf). */
    public record LdapCfg(int version, String host, int port, Optional<String> base, boolean subtree,
                          Optional<String> bindDn, Optional<String> bindPw, String attrUser, String attrAddr,
                          String attrMask, String attrGroup, String attrMember) {
        public static final LdapCfg DEFAULT = new LdapCfg(3, "localhost", 389, Optional.empty(), false,
                Optional.empty(), Optional.empty(), "cn", "racoon-address", "racoon-netmask", "cn", "member");
    }

    /** {@code radiuscfg { }}: up to five servers each, timeout and retries 3. */
    public record RadiusCfg(List<RadiusServer> auth, List<RadiusServer> acct, int timeoutSeconds, int retries) {
        public RadiusCfg {
            auth = List.copyOf(auth);
            acct = List.copyOf(acct);
        }

        public static final RadiusCfg DEFAULT = new RadiusCfg(List.of(), List.of(), 3, 3);
        public static final int MAX_SERVERS = 5;
    }

    /** A RADIUS server; port 0 = the service's default port. */
    public record RadiusServer(String host, int port, String secret) {
    }
}
