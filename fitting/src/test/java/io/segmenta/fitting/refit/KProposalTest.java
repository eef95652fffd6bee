package io.segmenta.fitting.refit;

import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KProposalTest {

    @Test
    void theSameWinnerCountsOneMoreWindowAnotherStartsAgain() {
        Optional<KProposal> parents = Optional.of(new KProposal(6, 1));

        assertThat(KProposal.next(parents, 6)).isEqualTo(new KProposal(6, 2));
        assertThat(KProposal.next(parents, 5)).isEqualTo(new KProposal(5, 1));
        assertThat(KProposal.next(Optional.empty(), 5)).isEqualTo(new KProposal(5, 1));
    }

    @Test
    void itIsReadBackFromTheParentsTagAndAnUnreadableTagCountsAsNone() {
        assertThat(KProposal.of(model(Map.of(KProposal.TAG, new KProposal(6, 3).tagValue()))))
                .contains(new KProposal(6, 3));
        assertThat(KProposal.of(model(Map.of(KProposal.TAG, "six")))).isEmpty();
        assertThat(KProposal.of(model(Map.of(KProposal.TAG, "1x1")))).isEmpty();
        assertThat(KProposal.of(model(Map.of()))).isEmpty();
        assertThat(KProposal.of(null)).isEmpty();
        assertThatThrownBy(() -> new KProposal(4, 0)).hasMessageContaining("windows >= 1");
    }

    private static SegmentModel model(Map<String, String> tags) {
        SegmentModel m = new SegmentModel();
        m.put("tags", new java.util.HashMap<CharSequence, CharSequence>(tags)); // generated classes have no setters
        return m;
    }
}
