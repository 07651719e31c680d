package io.ipfskit.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks configuration properties against their object class definition, value by value, with each attribute
 * definition's own {@code validate} (type, range, options); keys the definition does not name are not checked.
 */
final class ConfigCheck {

    private ConfigCheck() {
    }

    /** The values the definition refuses, in the definition's attribute order; empty when all are allowed. */
    static List<Refusal> refusals(String pid, ObjectClassDefinition definition, Dictionary<String, ?> properties) {
        List<Refusal> refusals = new ArrayList<>();
        for (AttributeDefinition attribute : attributes(definition)) {
            Object value = properties.get(attribute.getID());
            if (value == null) {
                continue;
            }
            for (String item : items(value)) {
                String problem = attribute.validate(item);
                if (problem != null && !problem.isEmpty()) {
                    refusals.add(new Refusal(pid, attribute.getID(), item, problem.replace("%", ""), expected(attribute)));
                    break;
                }
            }
        }
        return refusals;
    }

    /** Every attribute of the definition, required and optional. */
    static AttributeDefinition[] attributes(ObjectClassDefinition definition) {
        AttributeDefinition[] all = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? new AttributeDefinition[0] : all;
    }

    /** What an attribute takes, e.g. {@code Integer (Low water mark, -1 = by role)} or {@code String: one of a, b}. */
    static String expected(AttributeDefinition attribute) {
        StringBuilder out = new StringBuilder(typeName(attribute.getType()));
        if (attribute.getCardinality() != 0) {
            out.append(" list");
        }
        String[] options = attribute.getOptionValues();
        if (options != null && options.length > 0) {
            out.append(", one of ").append(String.join(", ", options));
        } else if (attribute.getDescription() != null && !attribute.getDescription().isBlank()) {
            out.append(" (").append(attribute.getDescription()).append(')');
        }
        return out.toString();
    }

    /** The metatype name of a type constant, e.g. {@code Integer}. */
    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "type " + type;
        };
    }

    /** The single values of a property: each element of an array or collection, else the value itself, as text. */
    private static List<String> items(Object value) {
        List<String> items = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(text(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> items.add(text(v)));
        } else {
            items.add(text(value));
        }
        return items;
    }

    private static String text(Object value) {
        String text = String.valueOf(value);
        return value instanceof Boolean ? text.toLowerCase(Locale.ROOT) : text;
    }
}
