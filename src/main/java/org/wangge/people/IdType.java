package org.wangge.people;

import org.eclipse.microprofile.graphql.Description;

@Description("Kind of identity document")
public enum IdType {
    @Description("居民身份证 (18 digits, checked)") RESIDENT_ID,
    @Description("护照") PASSPORT,
    @Description("港澳居民来往内地通行证") HK_MACAO_PERMIT,
    @Description("台湾居民来往大陆通行证") TAIWAN_PERMIT,
    @Description("外国人永久居留身份证") FOREIGN_PERMANENT_RESIDENT,
    @Description("其他证件") OTHER
}
