package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The component description bnd generated registers the channel under its protocol id with a negative ranking, so
 * the host offers Noise (ranking 0) first on dial and listen.
 */
class TlsComponentTest {

    @Test
    void registersTheProtocolIdRankedAfterNoise() throws Exception {
        Map<String, String> properties = new HashMap<>();
        try (InputStream xml = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + TlsSecureChannel.class.getName() + ".xml")) {
            assertNotNull(xml, "no component description");
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("property");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                properties.put(property.getAttribute("name"),
                        property.getAttribute("type") + ":" + property.getAttribute("value"));
            }
        }
        assertEquals("String:" + TlsSecureChannel.PROTOCOL, properties.get("ipfskit.security.protocol"));
        assertEquals("Integer:-10", properties.get("service.ranking"));
    }
}
