package org.viewerbatch.apply;

import org.junit.jupiter.api.Test;

import org.viewerbatch.apply.CreateState.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every transition of a row's create: when one may be sent, and what settles one in
 * doubt.
 */
class CreateStateTest {

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

		create.sending();

		assertThat(create.state()).isEqualTo(State.IN_DOUBT);
		assertThat(create.sent()).isEqualTo(1);
		assertThat(create.maySend()).isFalse();
		assertThat(create.worthKeeping()).isTrue();
		assertThatIllegalStateException().isThrownBy(create::sending);
	}

	@Test
	void anAnsweredCreateIsDoneAndNeedNotBeKept() {
		CreateState create = CreateState.notSent();
		create.sending();

		create.created();

		assertThat(create.state()).isEqualTo(State.DONE);
		assertThat(create.maySend()).isFalse();
		assertThat(create.worthKeeping()).isFalse();
	}

	@Test
	void anUnclearAnswerLeavesItInDoubtAndRemembersTheAnswer() {
		CreateState create = CreateState.notSent();
		create.sending();

		create.failed("503 Service Unavailable");

		assertThat(create.inDoubt()).isTrue();
		assertThat(create.maySend()).isFalse();
		assertThat(create.lastFailure()).isEqualTo("503 Service Unavailable");
	}

	@Test
	void aLookUpThatFindsTheViewerMakesItDoneAndOurs() {
		CreateState create = CreateState.notSent();
		create.sending();
		create.failed("500");

		boolean ours = create.found();

		assertThat(ours).isTrue();
		assertThat(create.state()).isEqualTo(State.DONE);
	}

	@Test
	void aLookUpThatFindsNothingAllowsAnotherCreate() {
		CreateState create = CreateState.notSent();
		create.sending();
		create.failed("500");

		create.notFound();

		assertThat(create.state()).isEqualTo(State.NOT_SENT);
		assertThat(create.maySend()).isTrue();
		assertThat(create.worthKeeping()).isTrue();
	}

	@Test
	void theCapIsCheckedBeforeSendingAndEndsInGivenUp() {
		CreateState create = CreateState.notSent();
		for (int i = 1; i <= CreateState.MAX_CREATES; i++) {
			assertThat(create.maySend()).as("create %d", i).isTrue();
			create.sending();
			create.failed("503");
			create.notFound();
		}

		assertThat(create.state()).isEqualTo(State.GIVEN_UP);
		assertThat(create.givenUp()).isTrue();
		assertThat(create.maySend()).isFalse();
		assertThat(create.sent()).isEqualTo(CreateState.MAX_CREATES);
		assertThatIllegalStateException().isThrownBy(create::sending);
	}

	@Test
	void aRefusedCreateDidNotHappen() {
		CreateState create = CreateState.notSent();
		create.sending();

		create.refused();

		assertThat(create.state()).isEqualTo(State.NOT_SENT);
		assertThat(create.sent()).isEqualTo(1);
	}

	@Test
	void aFirstCreateAnsweredTakenMeansTheViewerWasThereBefore() {
		CreateState create = CreateState.notSent();
		create.sending();

		create.taken();

		assertThat(create.state()).isEqualTo(State.NOT_SENT);
		assertThat(create.found()).as("the viewer found is not ours").isFalse();
		assertThat(create.state()).isEqualTo(State.DONE);
	}

	@Test
	void aLaterCreateAnsweredTakenMeansAnEarlierOneHappened() {
		CreateState create = CreateState.notSent();
		create.sending();
		create.failed("timeout");
		create.notFound();
		create.sending();

		create.taken();

		assertThat(create.inDoubt()).isTrue();
		assertThat(create.found()).as("the viewer found is ours").isTrue();
	}

	@Test
	void transitionsFromTheWrongStateAreRefused() {
		CreateState create = CreateState.notSent();

		assertThatIllegalStateException().isThrownBy(create::created);
		assertThatIllegalStateException().isThrownBy(() -> create.failed("500"));
		assertThatIllegalStateException().isThrownBy(create::refused);
		assertThatIllegalStateException().isThrownBy(create::taken);
	}

	@Test
	void aKeptStateComesBackAsItWas() {
		CreateState create = CreateState.notSent();
		create.sending();
		create.failed("503");
		create.notFound();
		create.sending();

		CreateState restored = CreateState.restored(create.persisted());

		assertThat(create.persisted()).isEqualTo("IN_DOUBT 2");
		assertThat(restored.state()).isEqualTo(State.IN_DOUBT);
		assertThat(restored.sent()).isEqualTo(2);
		assertThat(CreateState.restored("GIVEN_UP 3").givenUp()).isTrue();
	}

	@Test
	void aKeptStateAtTheCapMaySendNoMore() {
		CreateState restored = CreateState.restored("NOT_SENT " + CreateState.MAX_CREATES);

		assertThat(restored.state()).isEqualTo(State.GIVEN_UP);
		assertThat(restored.maySend()).isFalse();
	}

}
