package vigil.core.divert;

import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.london;

import vigil.core.story.ControlRoom;

/** The scene the divert stories start from: CAD-1 (S) has lost U1 to CAD-2 (I), and U1 has acknowledged CAD-2. */
final class TheNightOf31May2018 {
    private TheNightOf31May2018() {}

    static ControlRoom afterU1IsDivertedToTheKnifeCall() {
        ControlRoom room = controlRoom();
        room.at(london("2018-05-31T23:55")).givenIncident(CAD_1, S);
        room.at(london("2018-05-31T23:58")).given(assign(U1).to(CAD_1));
        room.at(london("2018-05-31T23:58:30")).given(unit(U1).acknowledges(CAD_1));
        room.at(london("2018-06-01T00:03:30")).givenIncident(CAD_2, I);
        room.at(london("2018-06-01T00:04")).given(divert(U1).to(CAD_2));
        room.at(london("2018-06-01T00:04:20")).given(unit(U1).acknowledges(CAD_2));
        return room;
    }
}
