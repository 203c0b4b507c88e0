import type { AdminRoomRow } from "@/lib/admin/rooms";
import type { FormAction } from "@/lib/platform/form-state";
import { AdminRowAction } from "./AdminRowAction";

const cell = "px-3 py-2 text-left";

/** Every room with its kind and counts (never its messages), and "Archive" for the live ones. */
export function AdminRoomsTable({
  rooms,
  archive,
}: {
  rooms: AdminRoomRow[];
  archive: FormAction;
}) {
  return (
    <section aria-labelledby="rooms-heading" className="flex flex-col gap-3">
      <h2 id="rooms-heading" className="text-lg font-semibold">
        Rooms
      </h2>
      {rooms.length === 0 ? (
        <p className="text-sm text-slate-600">No rooms yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table aria-labelledby="rooms-heading" className="w-full text-sm">
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className={cell}>
                  Room
                </th>
                <th scope="col" className={cell}>
                  Kind
                </th>
                <th scope="col" className={cell}>
                  Members
                </th>
                <th scope="col" className={cell}>
                  Messages
                </th>
                <th scope="col" className={cell}>
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rooms.map((room) => (
                <tr key={room.id}>
                  <th scope="row" className={`${cell} font-medium`}>
                    #<bdi>{room.name}</bdi>
                  </th>
                  <td className={cell}>{room.kind === "open" ? "Open" : "Private"}</td>
                  <td className={cell}>{room.members}</td>
                  <td className={cell}>{room.messages}</td>
                  <td className={cell}>
                    {room.archived ? (
                      <span className="text-slate-600">Archived</span>
                    ) : (
                      <AdminRowAction
                        action={archive}
                        userId={room.id}
                        field="roomId"
                        label="Archive"
                        pendingLabel="Archiving…"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
