package go4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AgentOptionsTest {

    @Test
    void nothingGivenMeansDefaults() {
        assertThat(AgentOptions.parse(null)).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.parse("")).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.parse(" , ")).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.DEFAULTS.include()).isEmpty();
        assertThat(AgentOptions.DEFAULTS.entry()).isFalse();
        assertThat(AgentOptions.DEFAULTS.verbose()).isFalse();
    }

    @Test
    void bareItemsContinueTheListBeforeThem() {
        AgentOptions o = AgentOptions.parse("include=com.acme.*,org.foo.*,exclude=com.acme.gen.*,*Test,entry=true,verbose=true");
        assertThat(o.include()).containsExactly("com.acme.*", "org.foo.*");
        assertThat(o.exclude()).containsExactly("com.acme.gen.*", "*Test");
        assertThat(o.entry()).isTrue();
        assertThat(o.verbose()).isTrue();
    }

    @Test
    void repeatedListsAccumulateFlagsTakeTheLast() {
        AgentOptions o = AgentOptions.parse("include=a.*, include = b.* ,entry=TRUE,entry=false");
        assertThat(o.include()).containsExactly("a.*", "b.*");
        assertThat(o.entry()).isFalse();
    }

    @Test
    void slashesInPatternsReadAsDots() {
        assertThat(AgentOptions.parse("include=com/acme/*").include()).containsExactly("com.acme.*");
    }

    @Test
    void unknownKeyIsRefusedByName() {
        assertThatThrownBy(() -> AgentOptions.parse("include=a.*,entrys=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option \"entrys\"");
    }

    @Test
    void flagMustBeTrueOrFalse() {
        assertThatThrownBy(() -> AgentOptions.parse("entry=yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("go4j-agent: entry must be true or false, got \"yes\"");
    }

    @Test
    void chunkIsIterationsPerCheckpointAndZeroMeansEveryIteration() {
        assertThat(AgentOptions.DEFAULTS.chunk()).isEqualTo(StripMiner.DEFAULT_CHUNK);
        assertThat(AgentOptions.parse("chunk=1024").chunk()).isEqualTo(1024);
        assertThat(AgentOptions.parse("chunk=0").chunk()).isZero();
        assertThatThrownBy(() -> AgentOptions.parse("chunk=lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("go4j-agent: chunk must be a whole number from 0 to 16777216 (iterations per checkpoint; "
                        + "0: one per iteration), got \"lots\"");
        assertThatThrownBy(() -> AgentOptions.parse("chunk=-1")).hasMessageContaining("got \"-1\"");
    }

    @Test
    void bareItemWithoutAListBeforeItIsRefused() {
        assertThatThrownBy(() -> AgentOptions.parse("com.acme.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected key=value, got \"com.acme.*\"");
        assertThatThrownBy(() -> AgentOptions.parse("verbose=true,com.acme.*"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternWithCharactersNoClassNameHasIsRefused() {
        assertThatThrownBy(() -> AgentOptions.parse("include=com.acme.(Foo|Bar)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad class-name pattern");
    }
}
