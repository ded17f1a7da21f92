/*
 * setkey(8) input: SAD directives (add, get, delete, deleteall, flush, dump) and SPD directives
 * (spdadd, spdupdate, spddelete, spdflush, spddump), each ended by ';'. Names of algorithms,
 * modes and upper-layer protocols are WORDs checked by SetkeyModelBuilder, so that an unknown
 * name is reported as setkey reports it: a syntax error at that word.
 */
parser grammar SetkeyGrammar;

options { tokenVocab = SetkeyLexer; }

// The input is a sequence of commands up to EOF; SetkeyReader asks for one command at a time so
// that each can be carried out before the next is read, as setkey does.
command
    : ADD addressOptions src=endpoint dst=endpoint saProtocol spi saOption* algorithms SEMI  # addCommand
    | GET addressOptions src=endpoint dst=endpoint saProtocol spi saOption* SEMI             # getCommand
    | DELETE addressOptions src=endpoint dst=endpoint saProtocol spi saOption* SEMI          # deleteCommand
    | DELETEALL addressOptions src=address dst=address saProtocol SEMI                        # deleteAllCommand
    | FLUSH saProtocol? SEMI                                                                  # flushCommand
    | DUMP saProtocol? SEMI                                                                   # dumpCommand
    | verb=(SPDADD | SPDUPDATE | SPDDELETE) addressOptions selector policy SEMI               # spdCommand
    | SPDFLUSH SEMI                                                                           # spdFlushCommand
    | SPDDUMP SEMI                                                                            # spdDumpCommand
    | EXIT SEMI                                                                               # exitCommand
    ;

addressOptions : F_AIFLAGS* ;

address  : WORD ;
endpoint : WORD port? ;
port     : LBRACKET (ANY | DEC | WORD) RBRACKET ;

saProtocol : AH | AH_OLD | ESP | ESP_OLD | ESP_UDP natOa=address? | IPCOMP | TCP ;

spi : DEC | HEX ;

saOption
    : F_EXT WORD                 # extensionOption
    | F_MODE (WORD | ANY)        # modeOption
    | F_REQID DEC                # reqidOption
    | F_REPLAY DEC               # replayOption
    | F_LIFETIME_HARD DEC        # lifetimeHardOption
    | F_LIFETIME_SOFT DEC        # lifetimeSoftOption
    | F_LIFEBYTE_HARD DEC        # lifebyteHardOption
    | F_LIFEBYTE_SOFT DEC        # lifebyteSoftOption
    ;

algorithms
    : F_ENC enc=algorithm (F_AUTH auth=algorithm)?   # espAlgorithms
    | F_AUTH auth=algorithm                          # ahAlgorithms
    | F_COMP WORD F_RAWCPI?                          # ipcompAlgorithms
    ;

algorithm : WORD key? ;
key       : HEX | QUOTED ;

selector : src=range srcPort=port? dst=range dstPort=port? upperLayer ULP_SPEC? ;
range    : WORD (SLASH DEC)? ;
upperLayer : DEC | ANY | TCP | WORD ;

policy : F_POLICY direction (priority? action request*)? ;

direction : P_IN | P_OUT | P_FWD ;

priority
    : P_PRIORITY P_HYPHEN? P_NUMBER                                   # offsetPriority
    | P_PRIORITY base=(P_LOW | P_DEF | P_HIGH) (sign=(P_PLUS | P_HYPHEN) P_NUMBER)?  # basePriority
    ;

action : P_DISCARD | P_NONE | P_IPSEC | P_ENTRUST | P_BYPASS ;

request
    : protocol=(P_ESP | P_AH | P_IPCOMP)
      (P_SLASH (ipsecMode=(P_TRANSPORT | P_TUNNEL) (P_SLASH tunnel? (P_SLASH level?)?)?)?)?
    ;

tunnel
    : srcAddr=P_ADDRESS srcPort=P_PORT? P_HYPHEN dstAddr=P_ADDRESS dstPort=P_PORT?  # tunnelAddresses
    | P_ME P_HYPHEN P_ANY                                                             # tunnelMeAny
    | P_ANY P_HYPHEN P_ME                                                             # tunnelAnyMe
    ;

level : P_DEFAULT | P_USE | P_REQUIRE | P_UNIQUE | P_UNIQUE_ID ;
