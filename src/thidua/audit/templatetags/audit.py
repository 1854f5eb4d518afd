from django import template

from thidua.audit.services import action_label

register = template.Library()
register.filter("action_label", action_label)
