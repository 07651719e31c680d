package io.ipfskit.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.felix.metatype.AD;
import org.apache.felix.metatype.MetaData;
import org.apache.felix.metatype.MetaDataReader;
import org.apache.felix.metatype.OCD;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** A bundle's metatype document read by the Felix metatype implementation, seen through the OSGi interfaces. */
final class FelixMetaType {

    private FelixMetaType() {
    }

    /** The one object class definition of a document on the class path, e.g. {@code OSGI-INF/metatype/x.xml}. */
    static ObjectClassDefinition read(String resource) throws IOException {
        try (InputStream in = FelixMetaType.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " on the class path");
            }
            MetaData data = new MetaDataReader().parse(in);
            OCD ocd = (OCD) data.getObjectClassDefinitions().values().iterator().next();
            return definition(ocd);
        }
    }

    private static ObjectClassDefinition definition(OCD ocd) {
        @SuppressWarnings("unchecked")
        Map<String, AD> ads = ocd.getAttributeDefinitions();
        AttributeDefinition[] attributes = ads.values().stream().map(FelixMetaType::attribute).toArray(AttributeDefinition[]::new);
        return new ObjectClassDefinition() {
            @Override
            public String getName() {
                return ocd.getName();
            }

            @Override
            public String getID() {
                return ocd.getID();
            }

            @Override
            public String getDescription() {
                return ocd.getDescription();
            }

            @Override
            public AttributeDefinition[] getAttributeDefinitions(int filter) {
                return attributes;
            }

            @Override
            public InputStream getIcon(int size) {
                return null;
            }
        };
    }

    private static AttributeDefinition attribute(AD ad) {
        return new AttributeDefinition() {
            @Override
            public String getName() {
                return ad.getName();
            }

            @Override
            public String getID() {
                return ad.getID();
            }

            @Override
            public String getDescription() {
                return ad.getDescription();
            }

            @Override
            public int getCardinality() {
                return ad.getCardinality();
            }

            @Override
            public int getType() {
                return ad.getType();
            }

            @Override
            public String[] getOptionValues() {
                return ad.getOptionValues();
            }

            @Override
            public String[] getOptionLabels() {
                return ad.getOptionLabels();
            }

            @Override
            public String validate(String value) {
                return ad.validate(value);
            }

            @Override
            public String[] getDefaultValue() {
                return ad.getDefaultValue();
            }
        };
    }
}
