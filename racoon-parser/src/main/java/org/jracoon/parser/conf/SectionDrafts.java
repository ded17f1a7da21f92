package org.jracoon.parser.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jracoon.parser.conf.RacoonConf.ModeCfg;

/**
 * Mutable forms of the top-level sections while their statements are read; each starts from
 * racoon's defaults and is frozen into the model's record by {@code build()}.
 */
final class SectionDrafts {

    private SectionDrafts() {
    }

    static final class Timers {
        int counter = RacoonConf.Timers.DEFAULT.counter();
        long interval = RacoonConf.Timers.DEFAULT.intervalSeconds();
        int persend = RacoonConf.Timers.DEFAULT.persend();
        long phase1 = RacoonConf.Timers.DEFAULT.phase1Seconds();
        long phase2 = RacoonConf.Timers.DEFAULT.phase2Seconds();
        long nattKeepalive = RacoonConf.Timers.DEFAULT.nattKeepaliveSeconds();

        RacoonConf.Timers build() {
            return new RacoonConf.Timers(counter, interval, persend, phase1, phase2, nattKeepalive);
        }
    }

    static final class Padding {
        boolean randomize = RacoonConf.Padding.DEFAULT.randomize();
        boolean randomizeLength = RacoonConf.Padding.DEFAULT.randomizeLength();
        int maximumLength = RacoonConf.Padding.DEFAULT.maximumLength();
        boolean strictCheck = RacoonConf.Padding.DEFAULT.strictCheck();
        boolean exclusiveTail = RacoonConf.Padding.DEFAULT.exclusiveTail();

        RacoonConf.Padding build() {
            return new RacoonConf.Padding(randomize, randomizeLength, maximumLength, strictCheck, exclusiveTail);
        }
    }

    static final class ModeConfig {
        IpAddress network4;
        IpAddress netmask4;
        final List<IpAddress> dns4 = new ArrayList<>();
        final List<IpAddress> wins4 = new ArrayList<>();
        ModeCfg.SplitType splitType;
        final List<ModeCfg.Network> splitNetworks = new ArrayList<>();
        final List<String> splitDns = new ArrayList<>();
        String defaultDomain;
        ModeCfg.Source authSource = ModeCfg.DEFAULT.authSource();
        final List<String> authGroups = new ArrayList<>();
        ModeCfg.Source groupSource = ModeCfg.DEFAULT.groupSource();
        ModeCfg.Source accounting = ModeCfg.DEFAULT.accounting();
        ModeCfg.Source confSource = ModeCfg.DEFAULT.confSource();
        int poolSize = ModeCfg.DEFAULT.poolSize();
        int authThrottle = ModeCfg.DEFAULT.authThrottleSeconds();
        String banner;
        OptionalInt pfsGroup = OptionalInt.empty();
        boolean savePasswd = ModeCfg.DEFAULT.savePasswd();

        ModeCfg build() {
            return new ModeCfg(Optional.ofNullable(network4), Optional.ofNullable(netmask4), dns4, wins4,
                    Optional.ofNullable(splitType), splitNetworks, splitDns, Optional.ofNullable(defaultDomain), authSource,
                    authGroups, groupSource, accounting, confSource, poolSize, authThrottle, Optional.ofNullable(banner),
                    pfsGroup, savePasswd);
        }
    }

    static final class Ldap {
        int version = RacoonConf.LdapCfg.DEFAULT.version();
        String host = RacoonConf.LdapCfg.DEFAULT.host();
        int port = RacoonConf.LdapCfg.DEFAULT.port();
        String base;
        boolean subtree = RacoonConf.LdapCfg.DEFAULT.subtree();
        String bindDn;
        String bindPw;
        String attrUser = RacoonConf.LdapCfg.DEFAULT.attrUser();
        String attrAddr = RacoonConf.LdapCfg.DEFAULT.attrAddr();
        String attrMask = RacoonConf.LdapCfg.DEFAULT.attrMask();
        String attrGroup = RacoonConf.LdapCfg.DEFAULT.attrGroup();
        String attrMember = RacoonConf.LdapCfg.DEFAULT.attrMember();

        RacoonConf.LdapCfg build() {
            return new RacoonConf.LdapCfg(version, host, port, Optional.ofNullable(base), subtree,
                    Optional.ofNullable(bindDn), Optional.ofNullable(bindPw), attrUser, attrAddr, attrMask, attrGroup,
                    attrMember);
        }
    }
}
