import json
steps = {
 'email.send': ("Send an email", "Sends an automated email campaign to the contact; the contact needs an email address and an active subscription to a list. Can A/B test up to 5 variants.", "Envoyer un e-mail", "Envoie une campagne automatisée au contact ; il lui faut une adresse e-mail et un abonnement actif à une liste. Peut tester jusqu’à 5 variantes (test A/B)."),
 'wait': ("Wait", "Pauses the contact for a period, until a day and time, until a date field matches, or until conditions are met (with an optional time limit).", "Attendre", "Met le contact en pause pendant une durée, jusqu’à un jour et une heure, jusqu’à ce qu’un champ de date corresponde, ou jusqu’à ce que des conditions soient remplies (avec une limite de temps facultative)."),
 'list.subscribe': ("Subscribe", "Adds the contact to a list with the status “active”.", "S’abonner", "Ajoute le contact à une liste avec le statut « actif »."),
 'list.unsubscribe': ("Unsubscribe", "Removes the contact from a list (status “unsubscribed”).", "Se désabonner", "Retire le contact d’une liste (statut « désabonné »)."),
 'tag.add': ("Add a tag", "Applies a tag to the contact when they reach this step.", "Ajouter un tag", "Applique un tag au contact lorsqu’il atteint cette étape."),
 'tag.remove': ("Remove a tag", "Removes a tag from the contact when they reach this step.", "Supprimer un tag", "Supprime un tag du contact lorsqu’il atteint cette étape."),
 'if_else': ("If/Else", "Forks the automation: contacts who match the conditions take the Yes path, the others the No path.", "Si/sinon", "Crée une bifurcation : les contacts qui remplissent les conditions prennent le chemin « Oui », les autres le chemin « Non »."),
 'goto': ("Go to", "Moves the contact to another step of this automation, to join a branch or build a loop (at most 10 times per contact in 24 hours).", "Aller à", "Déplace le contact vers une autre étape de l’automatisation, pour rejoindre une branche ou créer une boucle (10 fois au plus par contact sur 24 heures)."),
 'goal': ("Jump to (goal)", "A goal: contacts anywhere upstream jump straight here as soon as they meet its conditions.", "Sauter vers (objectif)", "Un objectif : les contacts situés en amont sautent directement ici dès qu’ils remplissent ses conditions."),
 'split': ("Split", "Splits contacts across paths: evenly, by percentages, as a test that picks a winner, or all on one path until a condition is met.", "Séparer", "Répartit les contacts entre plusieurs chemins : à parts égales, par pourcentages, en test avec un gagnant, ou tous sur un chemin jusqu’à ce qu’une condition soit remplie."),
 'automation.start': ("Start an automation", "Enters the contact into another automation when they reach this step.", "Démarrer une automatisation", "Fait entrer le contact dans une autre automatisation lorsqu’il atteint cette étape."),
 'automation.end_other': ("End another automation", "Takes the contact out of one named automation, or out of all other automations.", "Mettre fin à une autre automatisation", "Sort le contact d’une automatisation donnée, ou de toutes les autres automatisations."),
 'automation.end_this': ("End this automation", "Ends the contact’s journey in this automation here.", "Terminer cette automatisation", "Termine ici le parcours du contact dans cette automatisation."),
 'email.one_to_one': ("Send a 1:1 email", "Sends a personal email from a connected address or the deal owner, with CC/BCC and personalization; replies thread within the automation.", "Envoyer un e-mail individuel direct", "Envoie un e-mail personnel depuis une adresse connectée ou le propriétaire de l’offre, avec CC/CCI et personnalisation ; les réponses restent dans le même fil."),
 'email.transactional': ("Send a transactional email", "Sends a transactional email through Postmark, whatever the contact’s marketing status.", "Envoyer un e-mail transactionnel", "Envoie un e-mail transactionnel via Postmark, quel que soit le statut marketing du contact."),
 'notification.internal': ("Internal notification email", "Emails someone in your team when a contact reaches this step (personalization allowed).", "Envoyer un e-mail de notification interne", "Envoie un e-mail à une personne de votre équipe lorsqu’un contact atteint cette étape (personnalisation possible)."),
 'sms.send': ("Send an SMS", "Sends a text message to the contact’s phone (consent required).", "Envoyer un SMS", "Envoie un message texte sur le téléphone du contact (consentement requis)."),
 'site_message.show': ("Site message", "Shows a message to an opted-in contact when they visit a given page, or any page, of your site (needs site tracking).", "Envoyer un message sur le site", "Affiche un message au contact ayant accepté le suivi lorsqu’il visite une page donnée, ou n’importe quelle page, de votre site (suivi de site requis)."),
 'webhook': ("Webhook", "Posts the contact’s data (and the deal’s) to a URL, to automate actions in other applications.", "Webhook", "Envoie les données du contact (et de l’offre) à une URL, pour automatiser des actions dans d’autres applications."),
 'ai.prompt': ("AI prompt", "Transforms a field’s value with an AI prompt (summarize, sentiment, translate, extract) and saves the answer in another custom field.", "Invite IA", "Transforme la valeur d’un champ avec une invite IA (résumer, analyser le sentiment, traduire, extraire) et enregistre la réponse dans un autre champ personnalisé."),
 'contact.update': ("Update contact", "Sets standard or custom field values of the contact (personalization allowed).", "Mettre à jour un contact", "Renseigne des champs standard ou personnalisés du contact (personnalisation possible)."),
 'note.add': ("Add a note", "Attaches a note to the contact record (personalization allowed).", "Ajouter une note", "Joint une note à la fiche du contact (personnalisation possible)."),
 'score.adjust': ("Adjust contact score", "Adds or subtracts points, sets a value, or resets the contact’s score to 0.", "Ajuster un score de contact", "Ajoute ou retire des points, fixe une valeur ou remet le score du contact à 0."),
 'facebook.audience_add': ("Add to Facebook custom audience", "Adds the contact (hashed identifiers) to a Facebook custom audience, which the step can create.", "Ajouter à une audience personnalisée Facebook", "Ajoute le contact (identifiants hachés) à une audience personnalisée Facebook, que l’étape peut créer."),
 'facebook.audience_remove': ("Remove from Facebook custom audience", "Removes the contact from a Facebook custom audience.", "Supprimer de l’audience personnalisée Facebook", "Retire le contact d’une audience personnalisée Facebook."),
 'conversion.record': ("Convert", "Records a conversion for the contact: pick an existing one or create a new one.", "Convertir", "Enregistre une conversion pour le contact : choisissez une conversion existante ou créez-en une."),
 'format.copy': ("Format data: copy field values", "Copies one field’s value into another (contact, deal or account field).", "Format des données : copier les valeurs des champs", "Copie la valeur d’un champ dans un autre (champ de contact, d’offre ou de compte)."),
 'format.extract': ("Format data: extract phone numbers or URLs", "Extracts a phone number or a URL from a field and writes it formatted into another.", "Format des données : extraire des numéros de téléphone ou des URL", "Extrait un numéro de téléphone ou une URL d’un champ et l’écrit formaté dans un autre."),
 'format.capitalize': ("Format data: capitalize a field", "Writes a field’s text capitalized: first letter, each word, all caps or all lower case.", "Format des données : mettre un champ en majuscule", "Écrit le texte d’un champ avec des majuscules : première lettre, chaque mot, tout en majuscules ou tout en minuscules."),
 'format.date_shift': ("Format data: add or subtract time to a date field", "Adds or subtracts minutes, hours, days, weeks or months to a date field into an output field.", "Format des données : ajouter ou retirer du temps à un champ de date", "Ajoute ou retire des minutes, heures, jours, semaines ou mois à un champ de date, dans un champ de sortie."),
 'format.math': ("Format data: perform math", "Adds, subtracts, multiplies or divides a numeric field by a number or another field into an output field.", "Format des données : effectuer des calculs", "Additionne, soustrait, multiplie ou divise un champ numérique par un nombre ou un autre champ, dans un champ de sortie."),
 'deal.add': ("Add a deal", "Creates a deal for the contact (pipeline, stage, title, value, currency, owner).", "Ajouter une offre", "Crée une offre pour le contact (pipeline, étape, titre, valeur, devise, propriétaire)."),
 'deal.update_title': ("Update deal title", "Changes the title of the deal.", "Mettre à jour le titre", "Modifie le titre de l’offre."),
 'deal.update_status': ("Update deal status", "Marks the deal open, won or lost.", "Mettre à jour l’état", "Passe l’offre à l’état ouvert, gagné ou perdu."),
 'deal.update_owner': ("Update deal owner", "Assigns the deal to another team member.", "Mettre à jour le propriétaire de l’offre", "Attribue l’offre à un autre membre de l’équipe."),
 'deal.update_value': ("Update deal value", "Changes the estimated value of the deal (and optionally its currency).", "Mettre à jour la valeur", "Modifie la valeur estimée de l’offre (et, si besoin, sa devise)."),
 'deal.update_stage': ("Update deal stage", "Moves the deal to another stage of a pipeline.", "Mettre à jour l’étape", "Fait passer l’offre à une autre étape d’un pipeline."),
 'deal.update_field': ("Update a custom deal field", "Sets a custom deal field to a value, copies a contact field into it, or clears it.", "Mettre à jour un champ d’offre personnalisé", "Saisit une valeur dans un champ d’offre personnalisé, y copie un champ de contact, ou l’efface."),
 'deal.task_add': ("Add a deal task", "Creates a task on the deal (type, title, due date, assignee).", "Ajouter une tâche de l’offre", "Crée une tâche sur l’offre (type, titre, échéance, personne assignée)."),
 'deal.task_complete': ("Complete a deal task", "Marks the deal’s open tasks that match a type or title as done.", "Terminer une tâche de l’offre", "Marque comme terminées les tâches ouvertes de l’offre qui correspondent à un type ou un titre."),
 'deal.note_add': ("Add a deal note", "Adds a note to the deal record (personalization allowed).", "Ajouter une note d’offre", "Ajoute une note à la fiche de l’offre (personnalisation possible)."),
 'deal.score_adjust': ("Adjust deal score", "Adds or subtracts points, sets a value, or resets the deal score to 0.", "Ajuster le score de l’offre", "Ajoute ou retire des points, fixe une valeur ou remet le score de l’offre à 0."),
 'account.update_field': ("Update an account field", "Sets the account’s name or a custom account field.", "Mettre à jour un champ de compte", "Renseigne le nom du compte ou un champ de compte personnalisé."),
 'account.note_add': ("Add an account note", "Adds a note to the contact’s account (contact, deal and account personalization allowed).", "Ajouter une note de compte", "Ajoute une note au compte du contact (personnalisation de contact, d’offre et de compte possible)."),
 'account.update_owner': ("Update account owner", "Changes the owner of the account the contact belongs to.", "Mettre à jour le propriétaire d’un compte", "Change le propriétaire du compte auquel appartient le contact."),
 'account.add_contact': ("Add contact to account", "Links the contact to an existing account, or to one found by name and created when missing.", "Ajouter un contact au compte", "Rattache le contact à un compte existant, ou à un compte trouvé par son nom et créé s’il n’existe pas."),
 'salesforce.create_contact': ("Salesforce: create contact", "Adds the contact to your Salesforce account as a Contact.", "Créer un contact dans Salesforce", "Ajoute le contact à votre compte Salesforce en tant que contact."),
 'salesforce.create_lead': ("Salesforce: create lead", "Adds the contact to your Salesforce account as a Lead.", "Créer un prospect dans Salesforce", "Ajoute le contact à votre compte Salesforce en tant que prospect."),
 'salesforce.add_to_campaign': ("Salesforce: add contact to campaign", "Adds the contact (a Salesforce contact or lead) to a Salesforce campaign.", "Ajouter un contact à la campagne Salesforce", "Ajoute le contact (contact ou prospect Salesforce) à une campagne Salesforce."),
 'app.action': ("App action", "Runs a branded action in a connected app: add a row to Google Sheets, post to Slack, text with Twilio, create a record in a CRM…", "Action d’application", "Exécute une action d’une application connectée : ajouter une ligne à Google Sheets, publier dans Slack, envoyer un SMS avec Twilio, créer un enregistrement dans un CRM…"),
}
triggers = {
 'list.subscribed': ("Subscribes to a list", "When a contact becomes active on a list (any list when none is chosen).", "S’abonne à une liste", "Quand un contact devient actif sur une liste (n’importe laquelle si aucune n’est choisie)."),
 'list.unsubscribed': ("Unsubscribes from a list", "When a contact unsubscribes from a list (a bounce is not an unsubscription).", "Se désabonne d’une liste", "Quand un contact se désabonne d’une liste (un rebond n’est pas un désabonnement)."),
 'form.submitted': ("Submits a form", "When a contact submits a form (any form when none is chosen).", "Soumet un formulaire", "Quand un contact soumet un formulaire (n’importe lequel si aucun n’est choisi)."),
 'email.opened': ("Opens/reads an email", "When a contact opens an email (any email when none is chosen).", "Ouvre/lit un e-mail", "Quand un contact ouvre un e-mail (n’importe lequel si aucun n’est choisi)."),
 'email.clicked': ("Clicks a link in an email", "When a contact clicks a link, optionally a given link pattern, in an email.", "Clique sur un lien d’un e-mail", "Quand un contact clique sur un lien d’un e-mail, éventuellement un lien donné."),
 'email.replied': ("Replies to an email", "When a contact replies to an email.", "Répond à un e-mail", "Quand un contact répond à un e-mail."),
 'email.forwarded': ("Forwards an email", "When a contact forwards an email.", "Transfère un e-mail", "Quand un contact transfère un e-mail."),
 'tag.added': ("Tag is added", "When the tag is applied to a contact.", "Un tag est ajouté", "Quand le tag est appliqué à un contact."),
 'tag.removed': ("Tag is removed", "When the tag is removed from a contact.", "Un tag est supprimé", "Quand le tag est retiré d’un contact."),
 'field.changed': ("Field changes", "When a contact field changes, optionally from and/or to a given value.", "Un champ change", "Quand un champ du contact change, éventuellement depuis et/ou vers une valeur donnée."),
 'date.based': ("Date based", "On a date field (birthday, renewal…), optionally days or weeks before or after, once or every year or month, at a time of day.", "Basé sur une date", "À la date d’un champ (anniversaire, renouvellement…), éventuellement quelques jours ou semaines avant ou après, une fois ou chaque année ou mois, à une heure donnée."),
 'page.visited': ("Visits a web page", "When a tracked contact visits a URL matching the pattern (* is a wildcard).", "Visite une page web", "Quand un contact suivi visite une URL correspondant au modèle (* remplace n’importe quel texte)."),
 'event.recorded': ("Event is recorded", "When an event with this name is recorded for the contact, optionally with a value condition.", "Un événement est enregistré", "Quand un événement de ce nom est enregistré pour le contact, éventuellement avec une condition sur sa valeur."),
 'score.changed': ("Score changes", "When a contact score crosses a threshold going up or going down.", "Le score change", "Quand un score de contact franchit un seuil à la hausse ou à la baisse."),
 'goal.achieved': ("Goal is achieved", "When a contact achieves a goal in another automation.", "Un objectif est atteint", "Quand un contact atteint un objectif dans une autre automatisation."),
 'goal.skipped': ("Goal is skipped", "When a contact reaches a goal of another automation without meeting it.", "Un objectif est manqué", "Quand un contact arrive à un objectif d’une autre automatisation sans le remplir."),
 'deal.entered_pipeline': ("Deal enters a pipeline", "When a deal of the contact is created in, or moved into, the pipeline, optionally at a stage.", "Une offre entre dans un pipeline", "Quand une offre du contact est créée dans le pipeline ou y est déplacée, éventuellement à une étape donnée."),
 'deal.stage_changed': ("Deal stage changes", "When a deal moves to another stage, optionally from and/or to given stages.", "L’étape d’une offre change", "Quand une offre passe à une autre étape, éventuellement depuis et/ou vers des étapes données."),
 'deal.status_changed': ("Deal status changes", "When a deal becomes open, won or lost.", "L’état d’une offre change", "Quand une offre devient ouverte, gagnée ou perdue."),
 'deal.task_completed': ("Deal task is completed", "When a task of one of the contact’s deals is marked done, optionally of a given type.", "Une tâche de l’offre est terminée", "Quand une tâche d’une offre du contact est marquée terminée, éventuellement d’un type donné."),
 'conversion.made': ("Makes a conversion", "When the contact makes a conversion (any conversion when none is chosen).", "Effectue une conversion", "Quand le contact effectue une conversion (n’importe laquelle si aucune n’est choisie)."),
 'sms.replied': ("Replies to an SMS", "When a contact replies to an SMS, optionally with a text containing a keyword.", "Répond à un SMS", "Quand un contact répond à un SMS, éventuellement avec un texte contenant un mot-clé."),
 'automation.started': ("Started by another automation", "When another automation’s “Start an automation” step enters the contact.", "Démarré par une autre automatisation", "Quand l’étape « Démarrer une automatisation » d’une autre automatisation y fait entrer le contact."),
 'manual': ("Added manually", "When someone adds contacts by hand, in bulk from the contact list or a segment.", "Ajouté manuellement", "Quand quelqu’un ajoute des contacts à la main, en masse depuis la liste de contacts ou un segment."),
}
groups = {
 'sending': ("Sending options", "Emails, SMS, notifications and site messages.", "Options d’envoi", "E-mails, SMS, notifications et messages sur le site."),
 'contacts': ("Contacts", "Lists, tags, fields, notes, scores, audiences and conversions of the contact.", "Contacts", "Listes, tags, champs, notes, scores, audiences et conversions du contact."),
 'workflow': ("Conditions and workflow", "Waits, branches, goals, splits, links between automations, webhooks and AI.", "Conditions et flux de travail", "Attentes, bifurcations, objectifs, séparations, liens entre automatisations, webhooks et IA."),
 'format': ("Format data", "Copy, extract, capitalize, shift dates and calculate on fields.", "Format des données", "Copier, extraire, mettre en majuscules, décaler des dates et calculer sur des champs."),
 'crm': ("CRM", "Deals, deal tasks and notes, and accounts (Pipelines or Sales engagement add-on).", "CRM", "Offres, tâches et notes d’offre, et comptes (module Gestion des pipelines ou Engagement commercial)."),
 'salesforce': ("Salesforce", "Create contacts and leads and add them to campaigns in Salesforce.", "Salesforce", "Créer des contacts et des prospects et les ajouter à des campagnes dans Salesforce."),
 'apps': ("Apps", "Branded actions in third-party apps and integrations.", "Apps", "Actions de marque dans des applications et intégrations tierces."),
}
tgroups = {
 'contacts': ("Contacts", "Lists, forms, tags, fields and scores.", "Contacts", "Listes, formulaires, tags, champs et scores."),
 'email': ("Emails and SMS", "Opens, clicks, replies and forwards, SMS replies.", "E-mails et SMS", "Ouvertures, clics, réponses et transferts, réponses aux SMS."),
 'web': ("Site and events", "Page visits, events and conversions.", "Site et événements", "Visites de pages, événements et conversions."),
 'date': ("Dates", "Anniversaries and other date fields.", "Dates", "Anniversaires et autres champs de date."),
 'crm': ("Deals", "Pipelines, stages, statuses and tasks of deals.", "Offres", "Pipelines, étapes, états et tâches des offres."),
 'automation': ("Automations", "Goals of other automations, starts from other automations, manual adds.", "Automatisations", "Objectifs d’autres automatisations, démarrages depuis d’autres automatisations, ajouts manuels."),
}
conds = {
 'tag': ("Tag", "Whether the contact has a tag.", "Tag", "Si le contact a un tag."),
 'field': ("Contact field", "A standard or custom field of the contact, with operators for its type.", "Champ du contact", "Un champ standard ou personnalisé du contact, avec les opérateurs de son type."),
 'list': ("List", "Whether the contact is on a list with a given status.", "Liste", "Si le contact est sur une liste avec un statut donné."),
 'score': ("Score", "A contact score compared with a number.", "Score", "Un score du contact comparé à un nombre."),
 'action': ("Actions", "Opened, clicked, replied to, forwarded or received an email, submitted a form, replied to an SMS — N times, in a period.", "Actions", "A ouvert, cliqué, répondu, transféré ou reçu un e-mail, soumis un formulaire, répondu à un SMS — N fois, sur une période."),
 'site': ("Site visit", "Visited a page matching a URL pattern.", "Visite du site", "A visité une page correspondant à un modèle d’URL."),
 'event': ("Event", "An event recorded for the contact, optionally with a value.", "Événement", "Un événement enregistré pour le contact, éventuellement avec une valeur."),
 'automation': ("Automation", "In, completed or entered an automation, or achieved one of its goals.", "Automatisation", "Est dans une automatisation, l’a terminée ou y est entré, ou a atteint l’un de ses objectifs."),
 'deal': ("Deal", "Has a deal in a pipeline, stage or status, optionally with a deal field condition.", "Offre", "A une offre dans un pipeline, une étape ou un état, avec éventuellement une condition sur un champ d’offre."),
 'account': ("Account field", "A field of the contact’s account.", "Champ du compte", "Un champ du compte du contact."),
 'conversion': ("Conversion", "Made a conversion (a given one or any).", "Conversion", "A effectué une conversion (donnée ou quelconque)."),
 'time': ("Date and time", "The current date, time, day of week or month in the contact’s time zone.", "Date et heure", "La date, l’heure, le jour de la semaine ou le mois actuels dans le fuseau horaire du contact."),
}
def put(d, key, val):
    parts = key.split('.')
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    d[parts[-1]] = val
for lang, ti, su in (('en',0,1),('fr',2,3)):
    out = {'kinds': {'step': {}, 'trigger': {}, 'group': {}, 'triggerGroup': {}, 'condition': {}}}
    k = out['kinds']
    for kind, v in steps.items(): put(k['step'], kind, {'title': v[ti], 'summary': v[su]})
    for kind, v in triggers.items(): put(k['trigger'], kind, {'title': v[ti], 'summary': v[su]})
    for g, v in groups.items(): k['group'][g] = {'title': v[ti], 'summary': v[su]}
    for g, v in tgroups.items(): k['triggerGroup'][g] = {'title': v[ti], 'summary': v[su]}
    for g, v in conds.items(): k['condition'][g] = {'title': v[ti], 'summary': v[su]}
    open(f'/work/wt/inspector/src/lib/i18n/kinds/{lang}.json', 'w').write(json.dumps(out, ensure_ascii=False, indent='\t') + '\n')
print(len(steps), len(triggers))
