package probe;

/** A class that uses Jackson, so the compile resolves it. */
public final class Probe {
    private Probe() {}

    /** @return a mapper's output */
    public static String json() throws com.fasterxml.jackson.core.JsonProcessingException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.List.of(1));
    }
}
