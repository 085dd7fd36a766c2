/** User-facing text of the portal, kept in one place for the translators. */
export const copy = {
	title: 'Player contract',
	teamPicker: {
		label: 'Select a team to continue',
		empty: 'No teams are open for registration yet.'
	},
	details: {
		heading: 'Player details',
		updateHint: 'Update your contact details with the league office if anything here is wrong.',
		notesHeading: 'Notes from registration'
	},
	sign: {
		heading: 'Sign the contract',
		nameLabel: 'Type your full name',
		button: 'Sign contract',
		alreadySigned: 'This contract was signed on {date}.',
		thanks: 'Thank you! A copy will be emailed to you.'
	}
} as const;
