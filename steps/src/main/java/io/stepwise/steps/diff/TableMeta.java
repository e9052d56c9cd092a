package io.stepwise.steps.diff;

import java.util.List;
import java.util.Objects;

/**
 * What the diff needs to know of a table: its compared columns (generated columns are left out, they
 * follow from the others) and the key that orders and splits it.
 */
record TableMeta(String schema, String table, List<Column> columns, List<Column> key, KeyKind keyKind) {

    /** How values of a column are read, bound and written. */
    enum Kind {
        /** Integer types: bound as numbers, so large values compare exactly. */
        INTEGER,
        /** DECIMAL: bound as BigDecimal. */
        DECIMAL,
        /** Character types, ENUM, SET, JSON: checksummed as bytes, with their length. */
        TEXT,
        /** Binary strings, blobs, BIT and spatial types: read as bytes, written as X'...'. */
        BINARY,
        /** Numbers with a fraction, temporal types: compared in their text form. */
        PLAIN
    }

    /** Which key the table is split by. */
    enum KeyKind {
        PRIMARY, UNIQUE, NONE
    }

    /** One column. */
    record Column(String name, String dataType, String columnType, boolean nullable, Kind kind, String charset) {
        Column {
            Objects.requireNonNull(name, "name");
        }

        /** The definition two sides must agree on for their rows to be compared. */
        String signature() {
            return name + " " + columnType + (nullable ? " NULL" : " NOT NULL");
        }
    }

    TableMeta {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    String qualified() {
        return schema + "." + table;
    }

    boolean hasKey() {
        return keyKind != KeyKind.NONE;
    }

    /** A single integer key column, which chunks can split by arithmetic instead of scanning. */
    boolean hasIntegerKey() {
        return key.size() == 1 && key.get(0).kind() == Kind.INTEGER;
    }

    static Kind kindOf(String dataType) {
        return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> Kind.INTEGER;
            case "decimal", "numeric" -> Kind.DECIMAL;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json" -> Kind.TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit", "geometry", "point",
                    "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection",
                    "vector" -> Kind.BINARY;
            default -> Kind.PLAIN;
        };
    }
}
