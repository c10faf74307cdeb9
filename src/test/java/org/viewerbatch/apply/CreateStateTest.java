package org.viewerbatch.apply;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.viewerbatch.apply.CreateState.NotFound;
import org.viewerbatch.apply.CreateState.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every transition of a row's create: when one may be sent, and what settles one in
 * doubt.
 */
class CreateStateTest {

	private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

	private static final Instant TOO_EARLY = T0.plus(CreateState.LIST_LAG).minusMillis(1);

	private static final Instant LATE_ENOUGH = T0.plus(CreateState.LIST_LAG);

	@Test
	void aNewRowMaySendOneCreate() {
		CreateState create = CreateState.notSent();

		assertThat(create.state()).isEqualTo(State.NOT_SENT);
		assertThat(create.maySend()).isTrue();
		assertThat(create.worthKeeping()).isFalse();
	}

	@Test
	void aCreateIsInDoubtFromTheMomentItIsSent() {
		CreateState create = CreateState.notSent();

		create.sending(T0);

		assertThat(create.state()).isEqualTo(State.IN_DOUBT);
		assertThat(create.sent()).isEqualTo(1);
		assertThat(create.maySend()).isFalse();
		assertThat(create.mustLookUp()).isTrue();
		assertThat(create.worthKeeping()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> create.sending(T0));
	}

	@Test
	void anAnsweredCreateIsDoneWithItsViewerAndIsKeptUntilItsRowIsRecorded() {
		CreateState create = CreateState.notSent();
		create.sending(T0);

		create.created(42);

		assertThat(create.state()).isEqualTo(State.DONE);
		assertThat(create.viewerId()).isEqualTo(42);
		assertThat(create.maySend()).isFalse();
		// a list that lags may not show the viewer to a restart's snapshot
		assertThat(create.worthKeeping()).isTrue();
	}

	@Test
	void anUnclearAnswerLeavesItInDoubtAndRemembersTheAnswer() {
		CreateState create = CreateState.notSent();
		create.sending(T0);

		create.failed("503 Service Unavailable", T0);

		assertThat(create.state()).isEqualTo(State.IN_DOUBT);
		assertThat(create.maySend()).isFalse();
		assertThat(create.lastFailure()).isEqualTo("503 Service Unavailable");
	}

	@Test
	void aLookUpThatFindsTheViewerAfterAnUnclearAnswerSettlesItAsOurs() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		create.failed("500 Internal Server Error", T0);

		assertThat(create.found(42)).isTrue();
		assertThat(create.state()).isEqualTo(State.DONE);
		assertThat(create.viewerId()).isEqualTo(42);
	}

	@Test
	void aLookUpThatMissesTheViewerSoonAfterProvesNothing() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		create.failed("503 Service Unavailable", T0);

		assertThat(create.notFound(TOO_EARLY)).isEqualTo(NotFound.WAIT);
		assertThat(create.state()).isEqualTo(State.IN_DOUBT);
		assertThat(create.maySend()).isFalse();
	}

	@Test
	void aLookUpThatMissesTheViewerLongEnoughAfterLetsAnotherCreateGo() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		create.failed("503 Service Unavailable", T0);

		assertThat(create.notFound(LATE_ENOUGH)).isEqualTo(NotFound.SEND_AGAIN);
		assertThat(create.maySend()).isTrue();
		create.sending(LATE_ENOUGH);
		assertThat(create.sent()).isEqualTo(2);
	}

	@Test
	void theWaitCountsFromTheLastUnclearAnswerNotFromTheSend() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		// a slow answer: the create may have been committed until it came
		create.failed("timeout", T0.plusSeconds(10));

		assertThat(create.notFound(LATE_ENOUGH)).isEqualTo(NotFound.WAIT);
		assertThat(create.notFound(LATE_ENOUGH.plusSeconds(10))).isEqualTo(NotFound.SEND_AGAIN);
	}

	@Test
	void aRefusedCreateDidNotHappen() {
		CreateState create = CreateState.notSent();
		create.sending(T0);

		create.refused();

		assertThat(create.state()).isEqualTo(State.NOT_SENT);
	}

	@Test
	void takenOnTheFirstCreateIsSomeoneElsesViewer() {
		CreateState create = CreateState.notSent();
		create.sending(T0);

		create.taken(T0);

		assertThat(create.state()).isEqualTo(State.TAKEN);
		assertThat(create.takenByOurs()).isFalse();
		assertThat(create.mustLookUp()).isTrue();
		assertThat(create.notFound(TOO_EARLY)).isEqualTo(NotFound.WAIT);
		assertThat(create.notFound(LATE_ENOUGH)).isEqualTo(NotFound.HIDDEN);
		assertThat(create.found(7)).isFalse();
	}

	@Test
	void takenAfterACreateOfOursInDoubtIsProbablyOursAndNeverRefused() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		create.failed("500 Internal Server Error", T0);
		create.notFound(LATE_ENOUGH);
		create.sending(LATE_ENOUGH);

		create.taken(LATE_ENOUGH);

		assertThat(create.takenByOurs()).isTrue();
		assertThat(create.notFound(LATE_ENOUGH.plus(Duration.ofDays(1)))).isEqualTo(NotFound.WAIT);
		assertThat(create.found(42)).isTrue();
	}

	@Test
	void aCreatedViewerThatIsGoneIsLookedUpAgain() {
		CreateState create = CreateState.notSent();
		create.sending(T0);
		create.created(42);

		create.gone(LATE_ENOUGH);

		assertThat(create.state()).isEqualTo(State.IN_DOUBT);
		assertThat(create.viewerId()).isNull();
		assertThat(create.notFound(LATE_ENOUGH)).isEqualTo(NotFound.WAIT);
	}

	@Test
	void notFoundIsOnlyForAStateThatMustLookUp() {
		assertThatIllegalStateException().isThrownBy(() -> CreateState.notSent().notFound(T0));
	}

	@Test
	void everyStateSurvivesARestartAsItWas() {
		CreateState inDoubt = CreateState.notSent();
		inDoubt.sending(T0);
		CreateState done = CreateState.notSent();
		done.sending(T0);
		done.created(42);
		CreateState taken = CreateState.notSent();
		taken.sending(T0);
		taken.taken(T0);

		for (CreateState kept : new CreateState[] { inDoubt, done, taken }) {
			CreateState restored = CreateState.restored(kept.persisted(), LATE_ENOUGH);
			assertThat(restored.persisted()).isEqualTo(kept.persisted());
		}
		assertThat(inDoubt.persisted()).isEqualTo("IN_DOUBT 1 " + T0.toEpochMilli() + " -");
		assertThat(done.persisted()).isEqualTo("DONE 1 " + T0.toEpochMilli() + " 42");
	}

	@Test
	void aStateKeptByAnOlderVersionWaitsFromTheRestart() {
		CreateState restored = CreateState.restored("IN_DOUBT 2", T0);

		assertThat(restored.sent()).isEqualTo(2);
		assertThat(restored.notFound(TOO_EARLY)).isEqualTo(NotFound.WAIT);
		assertThat(CreateState.restored("GIVEN_UP 3", T0).state()).isEqualTo(State.IN_DOUBT);
		// DONE without its viewer: looked up again
		assertThat(CreateState.restored("DONE 1", T0).state()).isEqualTo(State.IN_DOUBT);
	}

	@Test
	void aKeptStateThatCannotBeReadIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateState.restored("IN_DOUBT", T0));
		assertThatIllegalArgumentException().isThrownBy(() -> CreateState.restored("IN_DOUBT -1", T0));
		assertThatIllegalArgumentException().isThrownBy(() -> CreateState.restored("MAYBE 1", T0));
	}

}
